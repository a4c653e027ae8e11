/**
 * Real infrastructure for tests and local runs: PostgreSQL, a Kafka KRaft broker and an Anvil Ethereum node.
 * Where a Docker engine exists, PostgreSQL and Kafka run in Testcontainers; where it does not, as real local
 * processes (embedded PostgreSQL binaries, an in-JVM KRaft broker). Anvil always runs from the npm package.
 * Never an in-memory imitation of SQL, Kafka or the chain.
 */
package com.computemarket.testsupport;
