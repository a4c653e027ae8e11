/**
 * Jobs (orders) consumers post: the spec, the state machine from PENDING_FUNDS to COMPLETED, idempotent posting,
 * the reaction to escrow's hold decision ({@code FundsHeld} / {@code FundsHoldRejected}), and quotes: a dry run of a
 * post that counts who could bid (by the auction's own eligibility rules) and estimates the price from past awards.
 */
package com.computemarket.matching.jobs;
