package com.computemarket.matching.jobs.persistence;

import com.computemarket.matching.jobs.model.Job;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface JobRepository extends JpaRepository<Job, UUID> {

    Optional<Job> findByConsumerAndIdempotencyKey(String consumer, String idempotencyKey);

    /** Locks the job for the rest of the transaction, so a bid and the auction close never interleave. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select j from Job j where j.id = :id")
    Optional<Job> findForUpdate(UUID id);

    /** The earliest end of an OPEN job's bidding window: when the closer has work next. */
    @Query("select min(j.biddingClosesAt) from Job j"
            + " where j.status = com.computemarket.matching.jobs.model.JobStatus.OPEN")
    Optional<Instant> findEarliestWindowEndOfOpenJobs();
}
