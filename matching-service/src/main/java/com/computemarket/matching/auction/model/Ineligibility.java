package com.computemarket.matching.auction.model;

import java.util.Locale;

/**
 * Why a provider may not bid on (or win) a job; {@code field} names what to blame in an API answer. The rules about
 * nodes are declared in the order {@link NodePlacement} checks them: it compares their positions.
 */
public enum Ineligibility {
    JOB_CANCELLED("jobId", "the job's consumer cancelled it"),
    JOB_NOT_OPEN("jobId", "the job is not open for bids"),
    BIDDING_CLOSED("jobId", "the job's bidding window has closed"),
    OWN_JOB("jobId", "a consumer cannot bid on its own job"),
    PROVIDER_EXCLUDED("jobId", "the provider failed a lease of this job, or already runs one of its replicas"),
    PRICE_ABOVE_MAX("pricePerHour", "the price is above the job's maximum price per hour"),
    REGION_NOT_ALLOWED("placement.regions", "none of the provider's nodes is in a region the job allows"),
    MISSING_ATTRIBUTE("placement.attributes",
            "none of the provider's nodes in an allowed region has every attribute the job requires"),
    GPU_MODEL_UNAVAILABLE("resources.gpuModel",
            "none of the provider's otherwise suitable nodes has GPUs of the model and memory the job asks for"),
    NO_FITTING_NODE("resources", "none of the provider's nodes has the resources the job needs"),
    NO_FREE_CAPACITY("resources", "every node of the provider big enough for the job is busy with running leases"),
    INSUFFICIENT_STAKE("bondedStake", "the provider's bonded stake is below the minimum to bid"),
    INSUFFICIENT_FREE_STAKE("bondedStake", "the provider's free stake (bonded stake minus the collateral its active"
            + " leases lock) does not cover the collateral this lease would lock"),
    REPUTATION_BELOW_MINIMUM("reputationScore", "the provider's reputation score is below the job's minimum");

    private final String field;
    private final String description;

    Ineligibility(String field, String description) {
        this.field = field;
        this.description = description;
    }

    public String field() {
        return field;
    }

    public String description() {
        return description;
    }

    /** Stable problem type slug, e.g. {@code price-above-max}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Close reason of a bid that no longer qualifies when the auction closes, e.g. {@code INELIGIBLE:PRICE_ABOVE_MAX}. */
    public String closeReason() {
        return "INELIGIBLE:" + name();
    }
}
