/**
 * The on-chain contracts: the JSON-RPC client (with retry and circuit breaker), one hand-written ABI adapter per
 * contract, deployment or reuse at startup, and the public endpoint naming the addresses.
 */
package com.computemarket.chain.contracts;
