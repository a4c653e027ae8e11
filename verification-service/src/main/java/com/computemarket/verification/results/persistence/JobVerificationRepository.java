package com.computemarket.verification.results.persistence;

import com.computemarket.verification.results.model.JobVerification;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

public interface JobVerificationRepository extends Repository<JobVerification, UUID> {

    /**
     * Loads a job's verification holding its row lock until the transaction ends: every move on any of the job's
     * leases takes this lock first, so concurrent reveals of one job are judged one after the other.
     */
    @Query(value = "select * from job_verification where job_id = :jobId for update", nativeQuery = true)
    Optional<JobVerification> lockById(UUID jobId);

    Optional<JobVerification> findById(UUID jobId);

    @Query("select lease.job.jobId from LeaseResult lease where lease.leaseId = :leaseId")
    Optional<UUID> findJobIdOfLease(UUID leaseId);

    JobVerification save(JobVerification job);
}
