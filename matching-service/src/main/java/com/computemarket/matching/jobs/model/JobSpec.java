package com.computemarket.matching.jobs.model;

import com.computemarket.events.VerificationMode;
import com.computemarket.matching.resources.NodeRequirement;
import com.computemarket.matching.resources.ResourceSpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a consumer asks for; {@link Job#post} checks the rules that span fields. {@code requirement} is what one
 * replica needs of a node (resources, GPU model, regions, attributes). {@code minReputation} is a placement
 * constraint: providers scored below it (0..1000) may not bid; 0 admits everyone. {@code deadline} (null for the
 * default) is when the work must be done by: a failed lease is re-run only if the deadline leaves time for it.
 * {@code closeWhenQualifiedBids} (null for none) ends the bidding window early, once that many open bids are in.
 */
public record JobSpec(
        NodeRequirement requirement,
        Workload workload,
        long durationSeconds,
        BigInteger maxPricePerHour,
        int replicas,
        VerificationMode verificationMode,
        int biddingWindowSeconds,
        int minReputation,
        Instant deadline,
        Integer closeWhenQualifiedBids) {

    /** A spec without an early close: the auction closes at the window's end. */
    public JobSpec(NodeRequirement requirement, Workload workload, long durationSeconds, BigInteger maxPricePerHour,
            int replicas, VerificationMode verificationMode, int biddingWindowSeconds, int minReputation,
            Instant deadline) {
        this(requirement, workload, durationSeconds, maxPricePerHour, replicas, verificationMode, biddingWindowSeconds,
                minReputation, deadline, null);
    }

    /** What one replica needs of the node it runs on. */
    public NodeRequirement nodeRequirement() {
        return requirement;
    }

    public ResourceSpec resources() {
        return requirement.resources();
    }

    /**
     * SHA-256 (hex) of every field in a fixed order: a retried POST with the same Idempotency-Key must carry the
     * same spec, and this is how the two are compared without storing the request twice.
     */
    public String fingerprint() {
        ResourceSpec resources = requirement.resources();
        String canonical = String.join("|",
                Integer.toString(resources.cpuMillicores()), Long.toString(resources.memoryMb()),
                Integer.toString(resources.gpuCount()), workload.kind().name(), workload.reference(),
                workload.command() == null ? "" : workload.command(), Long.toString(durationSeconds),
                maxPricePerHour.toString(), Integer.toString(replicas), verificationMode.name(),
                Integer.toString(biddingWindowSeconds));
        // Added after jobs were first posted: each left out at its default so earlier requests keep their fingerprint.
        if (minReputation != 0) {
            canonical = canonical + "|minReputation=" + minReputation;
        }
        if (deadline != null) {
            canonical = canonical + "|deadline=" + deadline;
        }
        if (workload.contentHash() != null) {
            canonical = canonical + "|contentHash=" + workload.contentHash();
        }
        if (resources.storageGb() != 0) {
            canonical = canonical + "|storageGb=" + resources.storageGb();
        }
        if (requirement.gpuModel() != null) {
            canonical = canonical + "|gpuModel=" + requirement.gpuModel();
        }
        if (requirement.minGpuVramMb() != 0) {
            canonical = canonical + "|gpuVramMb=" + requirement.minGpuVramMb();
        }
        if (!requirement.regions().isEmpty()) {
            canonical = canonical + "|regions=" + String.join(",", new TreeSet<>(requirement.regions()));
        }
        if (!requirement.attributes().isEmpty()) {
            canonical = canonical + "|attributes=" + new TreeMap<>(requirement.attributes());
        }
        if (closeWhenQualifiedBids != null) {
            canonical = canonical + "|closeWhenQualifiedBids=" + closeWhenQualifiedBids;
        }
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
