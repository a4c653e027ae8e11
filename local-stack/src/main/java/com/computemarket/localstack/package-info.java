/**
 * The whole marketplace on one machine: real PostgreSQL, Kafka (KRaft) and Anvil, and the six services as their
 * own processes, wired together through environment variables exactly as a deployment would be.
 */
package com.computemarket.localstack;
