/**
 * Jobs (orders) consumers post: the spec, the state machine from PENDING_FUNDS to COMPLETED, idempotent posting,
 * and the reaction to escrow's hold decision ({@code FundsHeld} / {@code FundsHoldRejected}).
 */
package com.computemarket.matching.jobs;
