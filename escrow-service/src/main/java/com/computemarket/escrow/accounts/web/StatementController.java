package com.computemarket.escrow.accounts.web;

import com.computemarket.api.Caller;
import com.computemarket.escrow.accounts.application.StatementEntry;
import com.computemarket.escrow.accounts.application.StatementPage;
import com.computemarket.escrow.accounts.application.StatementQueries;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's statement: every posting to the accounts the caller owns, newest first. */
@RestController
class StatementController {

    private final StatementQueries statements;

    StatementController(StatementQueries statements) {
        this.statements = statements;
    }

    @Operation(summary = "The caller's postings, newest first; pass nextCursor as cursor for the next (older) page")
    @GetMapping("/api/v1/accounts/me/statement")
    StatementResponse statement(Caller caller,
            @RequestParam(name = StatementCursor.PARAMETER, required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(value = 1, message = "must be at least 1")
            @Max(value = StatementQueries.MAX_PAGE_SIZE, message = "must be at most " + StatementQueries.MAX_PAGE_SIZE)
            int limit) {
        StatementPage page = statements.pageOf(caller.address(), StatementCursor.decode(cursor), limit);
        return new StatementResponse(caller.address(),
                page.entries().stream().map(StatementController::entryResponse).toList(),
                page.continueBefore().map(StatementCursor::encode).orElse(null));
    }

    private static EntryResponse entryResponse(StatementEntry entry) {
        return new EntryResponse(entry.transferId(), entry.kind().name(), entry.account().name(),
                entry.direction().name(), entry.amount().toString(), entry.jobId(), entry.leaseId(),
                entry.recordedAt());
    }

    /** {@code nextCursor} is null on the last page. */
    record StatementResponse(String owner, List<EntryResponse> entries, String nextCursor) {
    }

    /** {@code account} is the purpose of the caller's account the posting touched; a CREDIT raised it. */
    record EntryResponse(UUID transferId, String kind, String account, String direction, String amount, UUID jobId,
            UUID leaseId, Instant recordedAt) {
    }
}
