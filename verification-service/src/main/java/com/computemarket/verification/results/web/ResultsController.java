package com.computemarket.verification.results.web;

import com.computemarket.api.Caller;
import com.computemarket.api.Problems;
import com.computemarket.verification.results.application.LeaseResultView;
import com.computemarket.verification.results.application.LeaseResults;
import com.computemarket.verification.results.model.Bytes32;
import com.computemarket.verification.results.model.IllegalResultMove;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Providers commit to and reveal their leases' results; the provider and the job's consumer read the verdict. */
@RestController
@RequestMapping("/api/v1/results/{leaseId}")
class ResultsController {

    private final LeaseResults results;

    ResultsController(LeaseResults results) {
        this.results = results;
    }

    @PostMapping("/commitment")
    LeaseResultView commit(Caller caller, @PathVariable UUID leaseId, @Valid @RequestBody CommitmentRequest request) {
        return results.commit(caller.address(), leaseId, new Bytes32(request.commitment()));
    }

    @PostMapping("/reveal")
    LeaseResultView reveal(Caller caller, @PathVariable UUID leaseId, @Valid @RequestBody RevealRequest request) {
        return results.reveal(caller.address(), leaseId, new Bytes32(request.resultDigest()),
                new Bytes32(request.salt()));
    }

    @GetMapping
    LeaseResultView get(Caller caller, @PathVariable UUID leaseId) {
        return results.find(caller.address(), leaseId);
    }

    /** A commitment or reveal the lease's state does not allow: the request was valid, the timing or repeat was not. */
    @ExceptionHandler(IllegalResultMove.class)
    ResponseEntity<ProblemDetail> onIllegalMove(IllegalResultMove move) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(Problems.of(HttpStatus.CONFLICT, move.problem(), "Conflict", move.getMessage(), move.field()));
    }
}
