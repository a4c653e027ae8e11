package com.computemarket.matching.leases.persistence;

import com.computemarket.matching.leases.model.Lease;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface LeaseRepository extends JpaRepository<Lease, UUID> {

    List<Lease> findByJobIdOrderByAwardedAt(UUID jobId);

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
