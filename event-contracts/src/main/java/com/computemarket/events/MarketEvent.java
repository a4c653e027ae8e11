package com.computemarket.events;

/** A payload of one of the {@link EventType}s; the aggregate id is the Kafka record key. */
public sealed interface MarketEvent
        permits DepositConfirmed, DepositReversed, WithdrawalRequested, WithdrawalExecuted, WithdrawalFailed,
        WithdrawalReversed, WithdrawalReopened,
        JobPosted, JobRelisted, JobOpened, JobExpired, JobFailed, JobCancelled,
        JobCompleted, JobRejected,
        FundsHeld, FundsHoldRejected, StakeBonded, StakeReduced,
        LeaseAwarded, LeaseFunded, LeasePaused, LeaseResumed, LeaseFundingLapsed, LeaseClosed, LeaseDowntimeRecorded,
        WorkVerified, WorkRejected, SettlementRecorded, ReputationUpdated {

    /** The id of the aggregate the event belongs to: it keys the Kafka record, so one aggregate's events stay in order. */
    String aggregateId();

    default EventType eventType() {
        return EventType.of(getClass());
    }
}
