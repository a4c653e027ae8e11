package com.computemarket.matching.jobs.model;

import com.computemarket.events.VerificationMode;
import com.computemarket.matching.resources.NodeRequirement;
import com.computemarket.matching.resources.ResourceSpec;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Test-data builder for jobs: sensible defaults, change only what a test is about. */
public final class TestJobs {

    public static final String CONSUMER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    public static final Instant POSTED_AT = Instant.parse("2026-11-26T12:00:00Z");
    public static final BigInteger TOKEN = BigInteger.TEN.pow(18);

    private ResourceSpec resources = new ResourceSpec(2000, 4096, 0);
    private long durationSeconds = 3600;
    private BigInteger maxPricePerHour = TOKEN.multiply(BigInteger.TWO);
    private int replicas = 1;
    private VerificationMode verificationMode = VerificationMode.NONE;
    private int biddingWindowSeconds = 30;
    private int minReputation = 0;
    private String gpuModel;
    private int minGpuVramMb;
    private Set<String> regions = Set.of();
    private Map<String, String> attributes = Map.of();
    private Instant deadline;
    private Integer closeWhenQualifiedBids;

    public static TestJobs aJob() {
        return new TestJobs();
    }

    public TestJobs needing(ResourceSpec resources) {
        this.resources = resources;
        return this;
    }

    public TestJobs withMaxPricePerHour(BigInteger maxPricePerHour) {
        this.maxPricePerHour = maxPricePerHour;
        return this;
    }

    public TestJobs withDurationSeconds(long durationSeconds) {
        this.durationSeconds = durationSeconds;
        return this;
    }

    public TestJobs withReplicas(int replicas, VerificationMode verificationMode) {
        this.replicas = replicas;
        this.verificationMode = verificationMode;
        return this;
    }

    public TestJobs withBiddingWindowSeconds(int biddingWindowSeconds) {
        this.biddingWindowSeconds = biddingWindowSeconds;
        return this;
    }

    public TestJobs withGpus(String gpuModel, int minGpuVramMb) {
        this.gpuModel = gpuModel;
        this.minGpuVramMb = minGpuVramMb;
        return this;
    }

    public TestJobs inRegions(String... regions) {
        this.regions = Set.of(regions);
        return this;
    }

    public TestJobs requiring(Map<String, String> attributes) {
        this.attributes = attributes;
        return this;
    }

    public TestJobs withDeadline(Instant deadline) {
        this.deadline = deadline;
        return this;
    }

    public TestJobs closingWhenQualifiedBids(int bids) {
        this.closeWhenQualifiedBids = bids;
        return this;
    }

    public TestJobs withMinReputation(int minReputation) {
        this.minReputation = minReputation;
        return this;
    }

    public JobSpec spec() {
        return new JobSpec(new NodeRequirement(resources, gpuModel, minGpuVramMb, regions, attributes),
                Workload.oci("ghcr.io/acme/render:1.2", null), durationSeconds, maxPricePerHour, replicas,
                verificationMode, biddingWindowSeconds, minReputation, deadline, closeWhenQualifiedBids);
    }

    public Job posted() {
        JobSpec spec = spec();
        return Job.post(UUID.fromString("0b6f2f64-6a0e-4a47-9a43-2a3c9d1e7f10"), CONSUMER, spec, POSTED_AT, null,
                spec.fingerprint());
    }

    /** Posted, funded and open for bids from {@link #POSTED_AT} on. */
    public Job open() {
        Job job = posted();
        job.open(1, POSTED_AT);
        return job;
    }

    private TestJobs() {
    }
}
