/**
 * Leases: one replica of a job run by one provider at its bid price. Tracks escrow funding
 * ({@code LeaseFunded}), the provider's heartbeats, verification's verdicts ({@code WorkRejected} re-runs a rejected
 * replica of a NONE job), and closes on escrow's settlement ({@code SettlementRecorded}), completing the job when its
 * last lease closes.
 */
package com.computemarket.matching.leases;
