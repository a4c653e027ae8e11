package com.computemarket.events;

/** Kafka topics, named {@code <owner>.<stream>.v1}; each is keyed by the aggregate id named beside it. */
public final class Topics {
    /** chain-indexer: confirmed deposits into the vault, keyed by account address. */
    public static final String CHAIN_DEPOSITS = "chain.deposits.v1";
    /** chain-indexer: withdrawals executed on chain or failed there, keyed by account address. */
    public static final String CHAIN_WITHDRAWALS = "chain.withdrawals.v1";
    /** matching-service: job lifecycle, keyed by job id. */
    public static final String MATCHING_JOBS = "matching.jobs.v1";
    /** matching-service: lease lifecycle, keyed by job id so that all leases of a job stay in order. */
    public static final String MATCHING_LEASES = "matching.leases.v1";
    /** escrow-service: holds placed or rejected for jobs, keyed by job id. */
    public static final String ESCROW_HOLDS = "escrow.holds.v1";
    /** escrow-service: lease escrow funded, paused for want of funds, resumed or lapsed; keyed by job id. */
    public static final String ESCROW_LEASES = "escrow.leases.v1";
    /** escrow-service: provider stake bonded, or reduced by an unbonding or a slash; keyed by provider address. */
    public static final String ESCROW_STAKES = "escrow.stakes.v1";
    /** escrow-service: signed withdrawal requests, already debited, for chain-indexer to execute; keyed by account. */
    public static final String ESCROW_WITHDRAWALS = "escrow.withdrawals.v1";
    /** escrow-service: settlements recorded, keyed by job id. */
    public static final String ESCROW_SETTLEMENTS = "escrow.settlements.v1";
    /** verification-service: verdicts on leases' results, keyed by job id. */
    public static final String VERIFICATION_VERDICTS = "verification.verdicts.v1";
    /** reputation-service: provider scores, keyed by provider address. */
    public static final String REPUTATION_SCORES = "reputation.scores.v1";

    /** Where a consumer sends a record it could not handle after its bounded retries. */
    public static String deadLetterTopicOf(String topic) {
        return topic + ".DLT";
    }

    private Topics() {
    }
}
