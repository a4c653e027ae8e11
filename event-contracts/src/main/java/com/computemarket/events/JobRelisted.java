package com.computemarket.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A lease of the job failed (its provider stopped sending heartbeats, or faulted) and its deadline still leaves time
 * to run it again, so the job goes back to auction for {@code replicas} more leases, with the providers that failed
 * it excluded. Like {@link JobPosted}, escrow answers with {@link FundsHeld} or {@link FundsHoldRejected}: a new hold
 * of {@code replicas × cost(maxPricePerHour, durationSeconds)}. {@code listing} counts the job's listings (the first
 * re-listing is 2); with the job id it keys escrow's hold, so a redelivered re-listing is held once.
 */
public record JobRelisted(
        UUID jobId,
        String consumer,
        int listing,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger maxPricePerHour,
        long durationSeconds,
        int replicas,
        VerificationMode verificationMode,
        List<String> excludedProviders,
        Instant relistedAt) implements MarketEvent {

    public JobRelisted {
        excludedProviders = List.copyOf(excludedProviders);
    }

    @Override
    public String aggregateId() {
        return jobId.toString();
    }
}
