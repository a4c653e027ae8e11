package com.computemarket.escrow.funding.web;

import com.computemarket.api.Caller;
import com.computemarket.api.NotFoundOrNotYours;
import com.computemarket.escrow.funding.application.FundingQueries;
import com.computemarket.escrow.funding.application.FundingQueries.JobLedger;
import com.computemarket.escrow.funding.model.JobHold;
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
                ledger.transfers().stream().map(JobLedgerController::transferResponse).toList(),
                ledger.settlements().stream().map(JobLedgerController::settlementResponse).toList());
    }

    private static ListingResponse listingResponse(JobHold hold) {
        return new ListingResponse(hold.listing(), hold.status().name(), hold.amount().toString());
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
            List<ListingResponse> listings, List<TransferResponse> transfers, List<SettlementResponse> settlements) {
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
