package com.computemarket.matching.auction.persistence;

import com.computemarket.matching.auction.model.Bid;
import com.computemarket.matching.auction.model.BidStatus;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface BidRepository extends JpaRepository<Bid, UUID> {

    Optional<Bid> findByJobIdAndProvider(UUID jobId, String provider);

    List<Bid> findByJobId(UUID jobId);

    long countByJobId(UUID jobId);

    /** The bids still in play on any of these jobs, for the closer to decide their auctions together. */
    List<Bid> findByJobIdInAndStatus(Collection<UUID> jobIds, BidStatus status);
}
