package com.computemarket.matching.jobs.web;

import com.computemarket.api.Caller;
import com.computemarket.api.IdempotencyKey;
import com.computemarket.matching.jobs.application.JobCancellation;
import com.computemarket.matching.jobs.application.JobQuote;
import com.computemarket.matching.jobs.application.JobService;
import com.computemarket.matching.jobs.application.JobView;
import com.computemarket.matching.jobs.application.PostedJob;
import com.computemarket.matching.jobs.application.QuoteService;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Consumers post jobs (answered 202: funding happens asynchronously), read their own, ask for a quote before
 * posting (a dry run that stores nothing), and cancel their own.
 */
@RestController
@RequestMapping("/api/v1/jobs")
class JobController {

    private final JobService jobs;
    private final QuoteService quotes;
    private final JobCancellation cancellation;

    JobController(JobService jobs, QuoteService quotes, JobCancellation cancellation) {
        this.jobs = jobs;
        this.quotes = quotes;
        this.cancellation = cancellation;
    }

    @PostMapping
    ResponseEntity<PostedJob> post(Caller caller,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
            @Valid @RequestBody PostJobRequest request) {
        PostedJob posted = jobs.post(caller.address(),
                IdempotencyKey.fromHeader(idempotencyKey).map(IdempotencyKey::value), request.toSpec());
        return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + posted.jobId())).body(posted);
    }

    /** Takes the same body as a post, so a client can quote exactly what it is about to post. */
    @PostMapping("/quote")
    JobQuote quote(Caller caller, @Valid @RequestBody PostJobRequest request) {
        return quotes.quote(caller.address(), request.toSpec());
    }

    /** Answers 200 with the cancelled job, also for a repeated cancel; 409 once the job ended otherwise. */
    @PostMapping("/{jobId}/cancel")
    JobView cancel(Caller caller, @PathVariable UUID jobId) {
        return cancellation.cancel(caller.address(), jobId);
    }

    @GetMapping("/{jobId}")
    JobView get(Caller caller, @PathVariable UUID jobId) {
        return jobs.view(caller.address(), jobId);
    }
}
