package com.computemarket.matching.auction.persistence;

import com.computemarket.matching.auction.model.Bid;
import com.computemarket.matching.auction.model.BidStatus;
import jakarta.persistence.QueryHint;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.jpa.HibernateHints;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

public interface BidRepository extends JpaRepository<Bid, UUID> {

    Optional<Bid> findByJobIdAndProvider(UUID jobId, String provider);

    List<Bid> findByJobId(UUID jobId);

    long countByJobId(UUID jobId);

    /** The job's bids in one status; ACTIVE ones are those in its auction (partial index {@code bid_open_by_job}). */
    long countByJobIdAndStatus(UUID jobId, BidStatus status);

    /**
     * The bids still in play on any of these jobs, for the closer to decide their auctions together. Read-only: the
     * closer writes their outcomes with {@link BidOutcomes} in one statement, so Hibernate neither keeps snapshots of
     * these bids nor checks or flushes them.
     */
    @QueryHints(@QueryHint(name = HibernateHints.HINT_READ_ONLY, value = "true"))
    @Query("select b from Bid b where b.jobId in :jobIds"
            + " and b.status = com.computemarket.matching.auction.model.BidStatus.ACTIVE")
    List<Bid> findOpenForClosing(Collection<UUID> jobIds);
}
