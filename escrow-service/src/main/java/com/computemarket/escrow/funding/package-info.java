/**
 * A job's money from hold to settlement: a hold per listing of the job (placed when it is posted or re-listed,
 * released when its auction expires), lease escrow funded from the hold when leases are awarded (a prefund period
 * ahead, the excess returned to the consumer), the metering of running leases (per-second accrual to the provider,
 * top-ups from the consumer's balance, pause, resume and lapse when the consumer cannot keep a lease funded),
 * downtime refunds, and the settlement of each lease on its verdict or its lapse.
 */
package com.computemarket.escrow.funding;
