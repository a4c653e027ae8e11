package com.computemarket.matching.leases.application;

import com.computemarket.events.LeaseCloseReason;
import com.computemarket.matching.leases.model.Lease;
import com.computemarket.matching.leases.model.LeaseStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A lease as its provider or the job's consumer sees it; money as decimal strings of base units. {@code nodeId} is the
 * provider's node the replica was placed on; {@code pausedAt} since when escrow has paused it for want of funds (null
 * while it runs): no heartbeats are expected then.
 */
public record LeaseView(
        UUID leaseId,
        UUID jobId,
        String consumer,
        String provider,
        String pricePerHour,
        long durationSeconds,
        String escrowAmount,
        LeaseStatus status,
        boolean funded,
        Instant awardedAt,
        Instant fundedAt,
        Instant lastHeartbeatAt,
        Instant closedAt,
        LeaseCloseReason closeReason,
        UUID nodeId,
        Instant pausedAt) {

    static LeaseView of(Lease lease) {
        return new LeaseView(lease.id(), lease.jobId(), lease.consumer(), lease.provider(),
                lease.pricePerHour().toString(), lease.durationSeconds(), lease.escrowAmount().toString(),
                lease.status(), lease.fundedAt() != null, lease.awardedAt(), lease.fundedAt(),
                lease.lastHeartbeatAt(), lease.closedAt(), lease.closeReason(), lease.nodeId(),
                lease.pausedAt());
    }
}
