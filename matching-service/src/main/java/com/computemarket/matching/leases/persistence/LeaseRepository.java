package com.computemarket.matching.leases.persistence;

import com.computemarket.matching.leases.model.Lease;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface LeaseRepository extends JpaRepository<Lease, UUID> {

    List<Lease> findByJobIdOrderByAwardedAt(UUID jobId);

    /** Providers that hold or held a lease of the job: a re-listing may award none of them another. */
    @Query("select distinct l.provider from Lease l where l.jobId = :jobId")
    Set<String> findProvidersByJobId(UUID jobId);

    /** A job and a provider that holds or held one of its leases. */
    interface JobLeaseHolder {
        UUID getJobId();

        String getProvider();
    }

    /** {@link #findProvidersByJobId} for many jobs in one query: the closer decides a batch of auctions at once. */
    @Query("select distinct l.jobId as jobId, l.provider as provider from Lease l where l.jobId in :jobIds")
    List<JobLeaseHolder> findProvidersByJobIdIn(Collection<UUID> jobIds);

    /** The job of the lease, if {@code provider} holds it (compared ignoring case, as addresses are). */
    @Query("select l.jobId from Lease l where l.id = :id and lower(l.provider) = lower(:provider)")
    Optional<UUID> findJobIdOfLeaseHeldBy(UUID id, String provider);

    /** Locks the lease until commit, so a heartbeat and the heartbeat-loss detector never interleave. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select l from Lease l where l.id = :id")
    Optional<Lease> findForUpdate(UUID id);

    /**
     * Locks the job's active leases until commit, in id order; the caller holds the job's lock, so no settlement or
     * heartbeat-loss close (which lock the job first) can close one meanwhile, and a heartbeat waits.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select l from Lease l where l.jobId = :jobId"
            + " and l.status = com.computemarket.matching.leases.model.LeaseStatus.ACTIVE order by l.id")
    List<Lease> findActiveByJobIdForUpdate(UUID jobId);

    /** An active lease and its job, as the heartbeat-loss detector finds them before locking either. */
    interface SilentLease {
        UUID getId();

        UUID getJobId();
    }

    /**
     * Active leases not paused by escrow and without a verdict whose last sign of life (the latest of the last heartbeat, the last resume
     * and the award) is before {@code cutoff}, oldest first. Read without locks: the detector locks the job and the
     * lease and checks again.
     */
    @Query(value = """
            select l.id as id, l.job_id as jobId from lease l
            where l.status = 'ACTIVE' and l.paused_at is null and l.verdict is null
              and greatest(coalesce(l.last_heartbeat_at, l.awarded_at), coalesce(l.resumed_at, l.awarded_at)) < :cutoff
            order by greatest(coalesce(l.last_heartbeat_at, l.awarded_at), coalesce(l.resumed_at, l.awarded_at))
            limit :limit
            """, nativeQuery = true)
    List<SilentLease> findSilentSince(Instant cutoff, int limit);

    /**
     * Prices per hour of the latest leases awarded since {@code since} for jobs whose replica needed exactly
     * {@code gpuCount} GPUs and CPU and memory within the given bounds, newest first. Returned as numeric
     * (BigDecimal with scale 0): the caller turns them into BigInteger base units.
     */
    @Query(value = """
            select l.price_per_hour from lease l join job j on j.id = l.job_id
            where l.awarded_at >= :since
              and j.gpu_count = :gpuCount
              and j.cpu_millicores between :minCpuMillicores and :maxCpuMillicores
              and j.memory_mb between :minMemoryMb and :maxMemoryMb
            order by l.awarded_at desc
            limit :limit
            """, nativeQuery = true)
    List<BigDecimal> findRecentClearingPrices(Instant since, int gpuCount, long minCpuMillicores,
            long maxCpuMillicores, long minMemoryMb, long maxMemoryMb, int limit);
}
