package com.computemarket.matching.jobs.model;

import com.computemarket.events.JobCancelled;
import com.computemarket.events.JobCompleted;
import com.computemarket.events.JobExpired;
import com.computemarket.events.JobFailed;
import com.computemarket.events.JobRejected;
import com.computemarket.events.JobRelisted;
import com.computemarket.events.MarketEvent;
import com.computemarket.events.JobOpened;
import com.computemarket.events.JobPosted;
import com.computemarket.events.VerificationMode;
import com.computemarket.events.LeasePricing;
import com.computemarket.matching.resources.Attributes;
import com.computemarket.matching.resources.NodeRequirement;
import com.computemarket.matching.resources.ResourceSpec;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A consumer's order for compute. Runs its own state machine ({@link JobStatus}); every intent-named method throws
 * {@link IllegalJobTransition} on a move the machine does not allow.
 */
@Entity
@Table(name = "job")
public class Job {

    public static final int MAX_REPLICAS = 16;
    public static final int MAX_BIDDING_WINDOW_SECONDS = 3600;
    /** Reputation-service's scale tops out at 1000. */
    public static final int MAX_MIN_REPUTATION = 1000;

    @Id
    private UUID id;

    @Column(nullable = false)
    private String consumer;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Column(name = "request_fingerprint", nullable = false)
    private String requestFingerprint;

    @Embedded
    private ResourceSpec resources;

    /** GPU model one replica's GPUs must be (compared ignoring case); null for any. */
    @Column(name = "gpu_model")
    private String gpuModel;

    /** Memory per GPU one replica needs, in MiB; 0 for any. */
    @Column(name = "min_gpu_vram_mb", nullable = false)
    private int minGpuVramMb;

    /** Regions a replica may run in; empty for anywhere. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "job_allowed_region", joinColumns = @JoinColumn(name = "job_id"))
    @Column(name = "region", nullable = false)
    private Set<String> allowedRegions = new HashSet<>();

    /** Attributes the node of a replica must offer, with exactly these values. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "job_required_attribute", joinColumns = @JoinColumn(name = "job_id"))
    @MapKeyColumn(name = "name")
    @Column(name = "value", nullable = false)
    private Map<String, String> requiredAttributes = new HashMap<>();

    @Embedded
    private Workload workload;

    @Column(name = "duration_seconds", nullable = false)
    private long durationSeconds;

    @Column(name = "max_price_per_hour", nullable = false, precision = 78)
    private BigInteger maxPricePerHour;

    @Column(nullable = false)
    private int replicas;

    @Enumerated(EnumType.STRING)
    @Column(name = "verification_mode", nullable = false)
    private VerificationMode verificationMode;

    @Column(name = "bidding_window_seconds", nullable = false)
    private int biddingWindowSeconds;

    @Column(name = "min_reputation", nullable = false)
    private int minReputation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private JobStatus status;

    @Column(name = "status_reason")
    private String statusReason;

    /** An expired job's survey of the providers at close: how many could have bid; null unless surveyed. */
    @Column(name = "expiry_providers_could_bid")
    private Integer expiryProvidersCouldBid;

    /** An expired job's survey: providers per first rule they fail, as {@code RULE=count,...} sorted by rule. */
    @Column(name = "expiry_provider_reasons")
    private String expiryProviderReasons;

    @Column(name = "posted_at", nullable = false)
    private Instant postedAt;

    @Column(name = "bidding_closes_at")
    private Instant biddingClosesAt;

    /**
     * When the work must be done by; null only for jobs stored before deadlines existed, which get the default
     * ({@link #deadline()}).
     */
    @Column(name = "deadline")
    private Instant deadline;

    /** How many times the job went to auction: 1, then one more per re-listing. */
    @Column(name = "listing", nullable = false)
    private int listing = 1;

    /** Replicas the current re-listing auctions (the first listing auctions all {@code replicas}). */
    @Column(name = "relist_replicas", nullable = false)
    private int relistReplicas;

    /** Replicas whose lease failed while a re-listing was already under way: re-listed once it is awarded. */
    @Column(name = "pending_replicas", nullable = false)
    private int pendingReplicas;

    /** Position in the provider feed, assigned when the job opens; strictly increasing in commit order. */
    @Column(name = "feed_sequence")
    private Long feedSequence;

    /**
     * Open bids after which the bidding window ends at once ({@link #closeBiddingIfEnoughBids}); null to close at the
     * window's end only.
     */
    @Column(name = "close_when_qualified_bids")
    private Integer closeWhenQualifiedBids;

    /** When its consumer cancelled the job; null unless it is CANCELLED. */
    @Column(name = "cancelled_at")
    private Instant cancelledAt;

    @Version
    private long version;

    protected Job() {
    }

    private Job(UUID id, String consumer, JobSpec spec, Instant postedAt, String idempotencyKey,
            String requestFingerprint) {
        this.id = id;
        this.consumer = consumer;
        this.idempotencyKey = idempotencyKey;
        this.requestFingerprint = requestFingerprint;
        this.resources = spec.resources();
        this.gpuModel = spec.requirement().gpuModel();
        this.minGpuVramMb = spec.requirement().minGpuVramMb();
        this.allowedRegions = new HashSet<>(spec.requirement().regions());
        this.requiredAttributes = new HashMap<>(spec.requirement().attributes());
        this.workload = spec.workload();
        this.durationSeconds = spec.durationSeconds();
        this.maxPricePerHour = spec.maxPricePerHour();
        this.replicas = spec.replicas();
        this.verificationMode = spec.verificationMode();
        this.biddingWindowSeconds = spec.biddingWindowSeconds();
        this.minReputation = spec.minReputation();
        this.status = JobStatus.PENDING_FUNDS;
        this.postedAt = postedAt;
        this.deadline = spec.deadline() != null ? spec.deadline() : defaultDeadline(postedAt, spec);
        this.closeWhenQualifiedBids = spec.closeWhenQualifiedBids();
    }

    /**
     * A consumer posts a job; it waits for escrow to hold {@link #holdAmount()}. The idempotency key (may be null)
     * and the fingerprint of the request let a retried POST find this job again.
     */
    public static Job post(UUID id, String consumer, JobSpec spec, Instant now, String idempotencyKey,
            String requestFingerprint) {
        checkSpec(spec, now);
        return new Job(id, consumer, spec, now, idempotencyKey, requestFingerprint);
    }

    /**
     * The rules that span fields of a spec; also run by a quote, which must refuse exactly what a post would.
     *
     * @throws InvalidJobSpec naming the offending field
     */
    public static void checkSpec(JobSpec spec, Instant now) {
        Objects.requireNonNull(spec.requirement(), "resources");
        checkRequirement(spec.requirement());
        checkDeadline(spec, now);
        Objects.requireNonNull(spec.workload(), "workload");
        spec.workload().check();
        Objects.requireNonNull(spec.verificationMode(), "verificationMode");
        if (spec.durationSeconds() <= 0) {
            throw new InvalidJobSpec("durationSeconds", "must be positive");
        }
        if (spec.maxPricePerHour() == null || spec.maxPricePerHour().signum() <= 0) {
            throw new InvalidJobSpec("maxPricePerHour", "must be a positive amount of base units");
        }
        if (spec.replicas() < 1 || spec.replicas() > MAX_REPLICAS) {
            throw new InvalidJobSpec("replicas", "must be between 1 and " + MAX_REPLICAS);
        }
        if (spec.verificationMode() == VerificationMode.REDUNDANT && spec.replicas() < 2) {
            throw new InvalidJobSpec("replicas", "REDUNDANT verification needs at least 2 replicas to compare");
        }
        // The hold is a uint256 on chain and a numeric(78,0) in escrow: refuse here what escrow could not store.
        if (LeasePricing.hold(spec.maxPricePerHour(), spec.durationSeconds(), spec.replicas()).bitLength() > 256) {
            throw new InvalidJobSpec("maxPricePerHour", "makes the hold (max price x duration x replicas) exceed "
                    + "2^256 - 1 base units");
        }
        if (spec.biddingWindowSeconds() < 1 || spec.biddingWindowSeconds() > MAX_BIDDING_WINDOW_SECONDS) {
            throw new InvalidJobSpec("biddingWindowSeconds", "must be between 1 and " + MAX_BIDDING_WINDOW_SECONDS);
        }
        if (spec.minReputation() < 0 || spec.minReputation() > MAX_MIN_REPUTATION) {
            throw new InvalidJobSpec("placement.minReputation", "must be between 0 and " + MAX_MIN_REPUTATION);
        }
        // Fewer would close the window before the auction could award every replica.
        if (spec.closeWhenQualifiedBids() != null && spec.closeWhenQualifiedBids() < spec.replicas()) {
            throw new InvalidJobSpec("closeWhenQualifiedBids", "must be at least replicas (" + spec.replicas() + ")");
        }
    }

    /**
     * The early close must be reachable: a job takes at most {@code maxBidsPerJob} open bids (the service's
     * {@code matching.auction.max-bids-per-job}), so asking for more would never close early.
     *
     * @throws InvalidJobSpec naming {@code closeWhenQualifiedBids}
     */
    public static void checkEarlyCloseReachable(JobSpec spec, int maxBidsPerJob) {
        if (spec.closeWhenQualifiedBids() != null && spec.closeWhenQualifiedBids() > maxBidsPerJob) {
            throw new InvalidJobSpec("closeWhenQualifiedBids",
                    "must be at most " + maxBidsPerJob + ", the most open bids a job takes");
        }
    }

    /** How far ahead a deadline may be. */
    public static final Duration MAX_DEADLINE_AHEAD = Duration.ofDays(90);

    /** Regions at most this many, each named as nodes name theirs. */
    public static final int MAX_REGIONS = 16;
    private static final int MAX_REGION_LENGTH = 64;

    /** Without a deadline a job has time for one full re-run: twice its bidding window and duration. */
    private static Instant defaultDeadline(Instant postedAt, JobSpec spec) {
        return postedAt.plusSeconds(2 * (spec.biddingWindowSeconds() + spec.durationSeconds()));
    }

    private static void checkDeadline(JobSpec spec, Instant now) {
        if (spec.deadline() == null) {
            return;
        }
        if (spec.deadline().isBefore(now.plusSeconds(spec.biddingWindowSeconds() + spec.durationSeconds()))) {
            throw new InvalidJobSpec("deadline", "must leave time for the bidding window and the duration");
        }
        if (spec.deadline().isAfter(now.plus(MAX_DEADLINE_AHEAD))) {
            throw new InvalidJobSpec("deadline", "must be within " + MAX_DEADLINE_AHEAD.toDays() + " days");
        }
    }

    private static void checkRequirement(NodeRequirement requirement) {
        if (requirement.resources().gpuCount() == 0 && requirement.gpuModel() != null) {
            throw new InvalidJobSpec("resources.gpuModel", "a job without GPUs cannot ask for a GPU model");
        }
        if (requirement.resources().gpuCount() == 0 && requirement.minGpuVramMb() != 0) {
            throw new InvalidJobSpec("resources.gpuVramMb", "a job without GPUs cannot ask for GPU memory");
        }
        if (requirement.regions().size() > MAX_REGIONS) {
            throw new InvalidJobSpec("placement.regions", "at most " + MAX_REGIONS + " regions");
        }
        for (String region : requirement.regions()) {
            if (region == null || region.isBlank() || region.length() > MAX_REGION_LENGTH) {
                throw new InvalidJobSpec("placement.regions",
                        "each region must be 1-" + MAX_REGION_LENGTH + " characters, not blank");
            }
        }
        Attributes.problemWith(requirement.attributes()).ifPresent(problem -> {
            throw new InvalidJobSpec("placement.attributes", problem);
        });
    }

    public JobPosted posted() {
        return new JobPosted(id, consumer, maxPricePerHour, durationSeconds, replicas, verificationMode);
    }

    /** Escrow held the funds: bidding opens for the job's window, and the job takes its place in the feed. */
    public JobOpened open(long feedSequence, Instant now) {
        // A re-listing opens again at a new feed position: providers whose cursor passed the old one see it anew.
        moveTo(JobStatus.OPEN);
        this.feedSequence = feedSequence;
        this.biddingClosesAt = now.plusSeconds(biddingWindowSeconds);
        return new JobOpened(id, consumer, biddingClosesAt, closeWhenQualifiedBids);
    }

    /**
     * Escrow could not hold the funds; {@code reason} is escrow's stable code. A newly posted job ends REJECTED
     * (JobRejected); a re-listing fails the job (JobFailed).
     */
    public MarketEvent rejectHold(String reason, Instant now) {
        if (status == JobStatus.RELISTING) {
            return fail(RELIST_HOLD_REJECTED + reason, now);
        }
        moveTo(JobStatus.REJECTED);
        this.statusReason = reason;
        return new JobRejected(id, consumer, reason, now);
    }

    /** Reason of a job that failed because the re-run would end after its deadline. */
    public static final String DEADLINE_TOO_CLOSE_TO_RELIST = "DEADLINE_TOO_CLOSE_TO_RELIST";
    /** Prefix of the reason of a job that failed because escrow refused the re-listing's hold. */
    public static final String RELIST_HOLD_REJECTED = "RELIST_HOLD_REJECTED:";

    /**
     * A lease of the job failed ({@code failedProviders}: every provider that failed one so far, excluded from any
     * re-run). An awarded job goes back to auction for the lost replica, if its deadline still leaves a bidding
     * window and the whole duration, else it fails. While a re-listing is under way the replica waits for it to be
     * awarded ({@link #relistLostReplicas}); a job that already ended stays as it is.
     *
     * @return JobRelisted or JobFailed, or empty when nothing is announced now
     */
    public Optional<MarketEvent> replicaLost(List<String> failedProviders, Instant now) {
        if (status == JobStatus.AWARDED) {
            pendingReplicas++;
            return Optional.of(relistOrFail(failedProviders, now));
        }
        if (status == JobStatus.RELISTING || status == JobStatus.OPEN) {
            pendingReplicas++;
        }
        return Optional.empty();
    }

    /**
     * Whether a replica whose result verification rejected is lost, to be re-listed like one whose provider failed
     * ({@link #replicaLost}). Under NONE each replica's own result is what the consumer gets, and its one rejection,
     * COMMITMENT_MISMATCH, leaves that replica without a result: it runs again. Under REDUNDANT the replicas' vote
     * decides the job's result, and a replacement could not take part in it: verification opens reveals once the
     * awarded replicas have committed and decides as soon as a digest reaches quorum or every replica has revealed.
     * So an OUTVOTED replica lost to a quorum that already verified the result (a re-run would be paid for nothing),
     * a COMMITMENT_MISMATCH replica is counted as revealed in a vote that goes on without it, and NO_CONSENSUS ends
     * the vote with every replica rejected (only a new vote among fresh replicas could, which verification does not
     * hold): none runs again.
     */
    public boolean rerunsRejectedReplicas() {
        return verificationMode == VerificationMode.NONE;
    }

    /** After an award: re-lists the replicas lost while the auction ran, if any (see {@link #replicaLost}). */
    public Optional<MarketEvent> relistLostReplicas(List<String> failedProviders, Instant now) {
        if (status != JobStatus.AWARDED || pendingReplicas == 0) {
            return Optional.empty();
        }
        return Optional.of(relistOrFail(failedProviders, now));
    }

    public boolean hasLostReplicasToRelist() {
        return pendingReplicas > 0;
    }

    private MarketEvent relistOrFail(List<String> failedProviders, Instant now) {
        if (now.plusSeconds(biddingWindowSeconds + durationSeconds).isAfter(deadline())) {
            return fail(DEADLINE_TOO_CLOSE_TO_RELIST, now);
        }
        moveTo(JobStatus.RELISTING);
        this.listing++;
        this.relistReplicas = pendingReplicas;
        this.pendingReplicas = 0;
        this.statusReason = null;
        return new JobRelisted(id, consumer, listing, maxPricePerHour, durationSeconds, relistReplicas,
                verificationMode, failedProviders, now);
    }

    private JobFailed fail(String reason, Instant now) {
        moveTo(JobStatus.FAILED);
        this.statusReason = reason;
        return new JobFailed(id, consumer, reason, now);
    }

    public boolean acceptsBidsAt(Instant now) {
        return status == JobStatus.OPEN && now.isBefore(biddingClosesAt);
    }

    /**
     * A bid came in: once the job's open bids (each checked for eligibility when placed) reach
     * {@code closeWhenQualifiedBids}, the bidding window ends now, and the closer awards the auction on its next
     * scan. A job without an early close, or no longer taking bids, stays as it is.
     *
     * @return whether the window ended now
     */
    public boolean closeBiddingIfEnoughBids(long openBids, Instant now) {
        if (closeWhenQualifiedBids == null || openBids < closeWhenQualifiedBids || !acceptsBidsAt(now)) {
            return false;
        }
        this.biddingClosesAt = now;
        return true;
    }

    /** The auction awarded one lease per replica, each to a distinct provider. */
    public void award() {
        moveTo(JobStatus.AWARDED);
    }

    /**
     * The auction closed without enough qualifying bids; {@code reasons} counts bids (or their absence) per cause,
     * {@code providerSurvey} counts the providers matching knew at close per first rule they fail (why nobody, or too
     * few, could bid).
     */
    public JobExpired expire(Map<String, Integer> reasons, JobExpired.ProviderSurvey providerSurvey) {
        moveTo(JobStatus.EXPIRED);
        Map<String, Integer> sorted = new TreeMap<>(reasons);
        this.statusReason = counts(sorted);
        this.expiryProvidersCouldBid = providerSurvey.couldBid();
        this.expiryProviderReasons = counts(providerSurvey.reasons());
        return new JobExpired(id, consumer, sorted, providerSurvey);
    }

    /** The providers surveyed when the job expired; empty unless it expired (or expired before surveys existed). */
    public Optional<JobExpired.ProviderSurvey> expiryProviderSurvey() {
        if (expiryProvidersCouldBid == null) {
            return Optional.empty();
        }
        Map<String, Integer> reasons = new TreeMap<>();
        if (!expiryProviderReasons.isEmpty()) {
            for (String count : expiryProviderReasons.split(",")) {
                int separator = count.indexOf('=');
                reasons.put(count.substring(0, separator), Integer.parseInt(count.substring(separator + 1)));
            }
        }
        return Optional.of(new JobExpired.ProviderSurvey(expiryProvidersCouldBid, reasons));
    }

    private static String counts(Map<String, Integer> perReason) {
        return new TreeMap<>(perReason).entrySet().stream()
                .map(reason -> reason.getKey() + "=" + reason.getValue())
                .collect(Collectors.joining(","));
    }

    /**
     * The consumer cancels the job: no further bids, awards or re-listings. The caller closes the job's open bids and
     * active leases in the same transaction.
     *
     * @throws IllegalJobTransition if the job already ended (cancelled included: ask {@link #isCancelled} first)
     */
    public JobCancelled cancel(Instant now) {
        moveTo(JobStatus.CANCELLED);
        this.cancelledAt = now;
        this.statusReason = null;
        return new JobCancelled(id, consumer, now);
    }

    public boolean isCancelled() {
        return status == JobStatus.CANCELLED;
    }

    /** Every lease of the job is closed. */
    public JobCompleted complete(Instant now) {
        moveTo(JobStatus.COMPLETED);
        return new JobCompleted(id, consumer, now);
    }

    private void moveTo(JobStatus target) {
        if (!status.canMoveTo(target)) {
            throw new IllegalJobTransition(id, status, target);
        }
        this.status = target;
    }

    public boolean isPostedBy(String address) {
        return consumer.equalsIgnoreCase(address);
    }

    public boolean wasRequestedAs(String fingerprint) {
        return requestFingerprint.equals(fingerprint);
    }

    /** What escrow holds for the job: every replica at the maximum price. */
    public BigInteger holdAmount() {
        return LeasePricing.hold(maxPricePerHour, durationSeconds, replicas);
    }

    public UUID id() {
        return id;
    }

    public String consumer() {
        return consumer;
    }

    public ResourceSpec resources() {
        return resources;
    }

    /** What one replica needs of the node it runs on. */
    public NodeRequirement nodeRequirement() {
        return new NodeRequirement(resources, gpuModel, minGpuVramMb, allowedRegions, requiredAttributes);
    }

    public Workload workload() {
        return workload;
    }

    public long durationSeconds() {
        return durationSeconds;
    }

    public BigInteger maxPricePerHour() {
        return maxPricePerHour;
    }

    public int replicas() {
        return replicas;
    }

    /** Replicas the current auction awards: all of them at first, the lost ones in a re-listing. */
    public int openReplicas() {
        return listing == 1 ? replicas : relistReplicas;
    }

    public int listing() {
        return listing;
    }

    public Instant deadline() {
        return deadline != null ? deadline
                : postedAt.plusSeconds(2 * ((long) biddingWindowSeconds + durationSeconds));
    }

    public VerificationMode verificationMode() {
        return verificationMode;
    }

    public int biddingWindowSeconds() {
        return biddingWindowSeconds;
    }

    public int minReputation() {
        return minReputation;
    }

    public JobStatus status() {
        return status;
    }

    public String statusReason() {
        return statusReason;
    }

    public Instant postedAt() {
        return postedAt;
    }

    public Instant biddingClosesAt() {
        return biddingClosesAt;
    }

    public Instant cancelledAt() {
        return cancelledAt;
    }

    /** Open bids that end the bidding window early; null when only the window's end closes it. */
    public Integer closeWhenQualifiedBids() {
        return closeWhenQualifiedBids;
    }

    public Long feedSequence() {
        return feedSequence;
    }
}
