package com.computemarket.escrow.funding.application;

import com.computemarket.escrow.funding.model.JobHold;
import com.computemarket.escrow.funding.model.LeaseDowntime;
import com.computemarket.escrow.funding.model.LeaseEscrow;
import com.computemarket.escrow.funding.model.Settlement;
import com.computemarket.escrow.ledger.application.Ledger;
import com.computemarket.escrow.ledger.model.AccountRef;
import com.computemarket.escrow.ledger.model.Transfer;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read side of the funding feature: what a consumer has held and escrowed, and a job's money history. */
@Service
public class FundingQueries {

    private final FundingStore store;
    private final Ledger ledger;

    FundingQueries(FundingStore store, Ledger ledger) {
        this.store = store;
        this.ledger = ledger;
    }

    public BigInteger heldFor(String consumer) {
        return store.totalHeldFor(consumer);
    }

    public BigInteger leaseEscrowFor(String consumer) {
        return store.totalLeaseEscrowFor(consumer);
    }

    public BigInteger earnedUnsettledFor(String provider) {
        return store.totalEarnedUnsettledFor(provider);
    }

    /** Every transfer of the job and its leases, if the job is the caller's; empty if unknown or someone else's. */
    @Transactional(readOnly = true)
    public Optional<JobLedger> jobLedgerOf(UUID jobId, String caller) {
        List<JobHold> holds = store.findJobHolds(jobId);
        if (holds.isEmpty() || !holds.getFirst().isOwnedBy(caller)) {
            return Optional.empty();
        }
        List<LeaseFigures> leases = store.leasesOfJob(jobId).stream()
                .map(lease -> new LeaseFigures(lease, ledger.balanceOf(AccountRef.leaseEscrow(lease.leaseId())),
                        ledger.balanceOf(AccountRef.leaseEarned(lease.leaseId()))))
                .toList();
        return Optional.of(new JobLedger(holds, leases, store.downtimeOfJob(jobId), ledger.transfersOfJob(jobId),
                store.settlementsOfJob(jobId)));
    }

    /** A lease with what its escrow holds and what its provider has earned so far (both zero once settled). */
    public record LeaseFigures(LeaseEscrow lease, BigInteger escrow, BigInteger earned) {
    }

    /**
     * A job's holds (one per listing, first listing first), its leases, their downtime, the transfers recorded for it and its leases'
     * settlements, oldest first.
     */
    public record JobLedger(List<JobHold> holds, List<LeaseFigures> leases, List<LeaseDowntime> downtime,
            List<Transfer> transfers, List<Settlement> settlements) {

        public JobLedger {
            holds = List.copyOf(holds);
            leases = List.copyOf(leases);
            downtime = List.copyOf(downtime);
        }

        /** The hold placed when the job was posted. */
        public JobHold firstHold() {
            return holds.getFirst();
        }
    }
}
