package com.computemarket.escrow.funding.web;

import com.computemarket.api.Caller;
import com.computemarket.api.NotFoundOrNotYours;
import com.computemarket.escrow.funding.application.FundingQueries;
import com.computemarket.escrow.funding.application.FundingQueries.JobLedger;
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
        return new JobLedgerResponse(jobId, ledger.hold().consumer(), ledger.hold().status().name(),
                ledger.hold().amount().toString(),
                ledger.transfers().stream().map(JobLedgerController::transferResponse).toList(),
                ledger.settlements().stream().map(JobLedgerController::settlementResponse).toList());
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

    /** {@code holdAmount} is what was held (or would have been) when the job was posted. */
    record JobLedgerResponse(UUID jobId, String consumer, String holdStatus, String holdAmount,
            List<TransferResponse> transfers, List<SettlementResponse> settlements) {
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
