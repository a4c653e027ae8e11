package com.computemarket.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every event type: its stable name (the CloudEvents {@code type}, never a Java class name), its topic and its payload.
 */
public enum EventType {
    DEPOSIT_CONFIRMED("DepositConfirmed", Topics.CHAIN_DEPOSITS, DepositConfirmed.class),
    DEPOSIT_REVERSED("DepositReversed", Topics.CHAIN_DEPOSITS, DepositReversed.class),
    WITHDRAWAL_REQUESTED("WithdrawalRequested", Topics.ESCROW_WITHDRAWALS, WithdrawalRequested.class),
    WITHDRAWAL_EXECUTED("WithdrawalExecuted", Topics.CHAIN_WITHDRAWALS, WithdrawalExecuted.class),
    WITHDRAWAL_FAILED("WithdrawalFailed", Topics.CHAIN_WITHDRAWALS, WithdrawalFailed.class),
    WITHDRAWAL_REVERSED("WithdrawalReversed", Topics.CHAIN_WITHDRAWALS, WithdrawalReversed.class),
    WITHDRAWAL_REOPENED("WithdrawalReopened", Topics.CHAIN_WITHDRAWALS, WithdrawalReopened.class),
    JOB_POSTED("JobPosted", Topics.MATCHING_JOBS, JobPosted.class),
    JOB_OPENED("JobOpened", Topics.MATCHING_JOBS, JobOpened.class),
    JOB_RELISTED("JobRelisted", Topics.MATCHING_JOBS, JobRelisted.class),
    JOB_EXPIRED("JobExpired", Topics.MATCHING_JOBS, JobExpired.class),
    JOB_FAILED("JobFailed", Topics.MATCHING_JOBS, JobFailed.class),
    JOB_CANCELLED("JobCancelled", Topics.MATCHING_JOBS, JobCancelled.class),
    JOB_COMPLETED("JobCompleted", Topics.MATCHING_JOBS, JobCompleted.class),
    JOB_REJECTED("JobRejected", Topics.MATCHING_JOBS, JobRejected.class),
    FUNDS_HELD("FundsHeld", Topics.ESCROW_HOLDS, FundsHeld.class),
    FUNDS_HOLD_REJECTED("FundsHoldRejected", Topics.ESCROW_HOLDS, FundsHoldRejected.class),
    STAKE_BONDED("StakeBonded", Topics.ESCROW_STAKES, StakeBonded.class),
    STAKE_REDUCED("StakeReduced", Topics.ESCROW_STAKES, StakeReduced.class),
    LEASE_AWARDED("LeaseAwarded", Topics.MATCHING_LEASES, LeaseAwarded.class),
    LEASE_FUNDED("LeaseFunded", Topics.ESCROW_LEASES, LeaseFunded.class),
    LEASE_PAUSED("LeasePaused", Topics.ESCROW_LEASES, LeasePaused.class),
    LEASE_RESUMED("LeaseResumed", Topics.ESCROW_LEASES, LeaseResumed.class),
    LEASE_FUNDING_LAPSED("LeaseFundingLapsed", Topics.ESCROW_LEASES, LeaseFundingLapsed.class),
    LEASE_CLOSED("LeaseClosed", Topics.MATCHING_LEASES, LeaseClosed.class),
    LEASE_DOWNTIME_RECORDED("LeaseDowntimeRecorded", Topics.MATCHING_LEASES, LeaseDowntimeRecorded.class),
    WORK_VERIFIED("WorkVerified", Topics.VERIFICATION_VERDICTS, WorkVerified.class),
    WORK_REJECTED("WorkRejected", Topics.VERIFICATION_VERDICTS, WorkRejected.class),
    SETTLEMENT_RECORDED("SettlementRecorded", Topics.ESCROW_SETTLEMENTS, SettlementRecorded.class),
    REPUTATION_UPDATED("ReputationUpdated", Topics.REPUTATION_SCORES, ReputationUpdated.class);

    private final String typeName;
    private final String topic;
    private final Class<? extends MarketEvent> payloadType;

    EventType(String typeName, String topic, Class<? extends MarketEvent> payloadType) {
        this.typeName = typeName;
        this.topic = topic;
        this.payloadType = payloadType;
    }

    public String typeName() {
        return typeName;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends MarketEvent> payloadType() {
        return payloadType;
    }

    /** Classpath resource of the checked JSON example of this type's payload. */
    public String exampleResource() {
        return "events/examples/" + typeName + ".json";
    }

    public static Optional<EventType> byTypeName(String typeName) {
        return Arrays.stream(values()).filter(type -> type.typeName.equals(typeName)).findFirst();
    }

    static EventType of(Class<?> payloadType) {
        return Arrays.stream(values())
                .filter(type -> type.payloadType == payloadType)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an event payload: " + payloadType.getName()));
    }
}
