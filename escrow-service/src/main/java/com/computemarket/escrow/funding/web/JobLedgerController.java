package com.computemarket.escrow.funding.web;

import com.computemarket.api.Caller;
import com.computemarket.api.NotFoundOrNotYours;
import com.computemarket.escrow.funding.application.FundingQueries;
import com.computemarket.escrow.funding.application.FundingQueries.JobLedger;
import com.computemarket.escrow.funding.application.FundingQueries.LeaseFigures;
import com.computemarket.escrow.funding.model.JobHold;
import com.computemarket.escrow.funding.model.LeaseDowntime;
import com.computemarket.escrow.funding.model.LeaseEscrow;
import com.computemarket.escrow.funding.model.Settlement;
import com.computemarket.escrow.ledger.model.Posting;
import com.computemarket.escrow.ledger.model.Transfer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A job's money history, for the job's consumer only. */
@RestController
class JobLedgerController {

    private final FundingQueries funding;

    JobLedgerController(FundingQueries funding) {
        this.funding = funding;
    }

    @GetMapping("/api/v1/ledger/jobs/{jobId}")
    JobLedgerResponse jobLedger(Caller caller, @PathVariable UUID jobId) {
        JobLedger ledger = funding.jobLedgerOf(jobId, caller.address())
                .orElseThrow(() -> new NotFoundOrNotYours("job", jobId, "jobId"));
        JobHold posted = ledger.firstHold();
        return new JobLedgerResponse(jobId, posted.consumer(), posted.status().name(), posted.amount().toString(),
                ledger.holds().stream().map(JobLedgerController::listingResponse).toList(),
                ledger.leases().stream().map(JobLedgerController::leaseResponse).toList(),
                ledger.downtime().stream().map(JobLedgerController::downtimeResponse).toList(),
                ledger.transfers().stream().map(JobLedgerController::transferResponse).toList(),
                ledger.settlements().stream().map(JobLedgerController::settlementResponse).toList());
    }

    private static ListingResponse listingResponse(JobHold hold) {
        return new ListingResponse(hold.listing(), hold.status().name(), hold.amount().toString());
    }

    private static LeaseResponse leaseResponse(LeaseFigures figures) {
        LeaseEscrow lease = figures.lease();
        return new LeaseResponse(lease.leaseId(), lease.listing(), lease.provider(), lease.status().name(),
                lease.pricePerHour().toString(), lease.startsAt(), lease.endsAt(), lease.meteredUntil(),
                lease.billableSeconds(), lease.downtimeSeconds(), lease.amount().toString(),
                lease.toppedUp().toString(), figures.escrow().toString(), figures.earned().toString(),
                lease.pausedAt(), lease.graceEndsAt());
    }

    private static DowntimeResponse downtimeResponse(LeaseDowntime downtime) {
        return new DowntimeResponse(downtime.leaseId(), downtime.startedAt(), downtime.endedAt(), downtime.seconds(),
                downtime.refunded().toString());
    }

    private static SettlementResponse settlementResponse(Settlement settlement) {
        return new SettlementResponse(settlement.settlementId(), settlement.leaseId(), settlement.outcome().name(),
                settlement.providerPayout().toString(), settlement.protocolFee().toString(),
                settlement.consumerRefund().toString(), settlement.recordedAt());
    }

    private static TransferResponse transferResponse(Transfer transfer) {
        return new TransferResponse(transfer.id(), transfer.kind().name(), transfer.leaseId(),
                transfer.recordedAt(), transfer.postings().stream().map(JobLedgerController::postingResponse).toList());
    }

    private static PostingResponse postingResponse(Posting posting) {
        return new PostingResponse(posting.account().owner(), posting.account().purpose().name(),
                posting.direction().name(), posting.amount().toString());
    }

    /**
     * {@code holdStatus} and {@code holdAmount} are those of the hold placed (or refused) when the job was posted;
     * {@code listings} has that hold and one per re-listing.
     */
    record JobLedgerResponse(UUID jobId, String consumer, String holdStatus, String holdAmount,
            List<ListingResponse> listings, List<LeaseResponse> leases, List<DowntimeResponse> downtime,
            List<TransferResponse> transfers, List<SettlementResponse> settlements) {
    }

    /**
     * One lease, as metered up to {@code meteredUntil}: {@code earned} is what its provider has earned so far (paid
     * out less the fee on verification), {@code escrow} what is still escrowed for the rest of its run;
     * {@code fundedAmount} funded it at award and {@code toppedUp} came from the consumer's balance since.
     * {@code pausedAt}/{@code graceEndsAt} are set while it is paused for want of funds.
     */
    record LeaseResponse(UUID leaseId, int listing, String provider, String status, String pricePerHour,
            Instant startsAt, Instant endsAt, Instant meteredUntil, long billableSeconds, long downtimeSeconds,
            String fundedAmount, String toppedUp, String escrow, String earned, Instant pausedAt,
            Instant graceEndsAt) {
    }

    /** A stretch of missed heartbeats: {@code seconds} of it within the lease, {@code refunded} to the consumer. */
    record DowntimeResponse(UUID leaseId, Instant startedAt, Instant endedAt, long seconds, String refunded) {
    }

    /** One listing's hold: {@code amount} is what was held (or would have been) for it. */
    record ListingResponse(int listing, String holdStatus, String amount) {
    }

    /** {@code settlementId} is what chain-indexer's inclusion proof is looked up by. */
    record SettlementResponse(UUID settlementId, UUID leaseId, String outcome, String providerPayout,
            String protocolFee, String consumerRefund, Instant recordedAt) {
    }

    record TransferResponse(UUID transferId, String kind, UUID leaseId, Instant recordedAt,
            List<PostingResponse> postings) {
    }

    record PostingResponse(String owner, String purpose, String direction, String amount) {
    }
}
