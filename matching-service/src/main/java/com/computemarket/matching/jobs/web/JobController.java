package com.computemarket.matching.jobs.web;

import com.computemarket.api.ApiProblem;
import com.computemarket.api.Caller;
import com.computemarket.matching.jobs.application.JobService;
import com.computemarket.matching.jobs.application.JobView;
import com.computemarket.matching.jobs.application.PostedJob;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Consumers post jobs (answered 202: funding happens asynchronously) and read their own. */
@RestController
@RequestMapping("/api/v1/jobs")
class JobController {

    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;

    private final JobService jobs;

    JobController(JobService jobs) {
        this.jobs = jobs;
    }

    @PostMapping
    ResponseEntity<PostedJob> post(Caller caller,
            @RequestHeader(name = JobService.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody PostJobRequest request) {
        if (idempotencyKey != null
                && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-idempotency-key",
                    "must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters", JobService.IDEMPOTENCY_KEY);
        }
        PostedJob posted = jobs.post(caller.address(), Optional.ofNullable(idempotencyKey), request.toSpec());
        return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + posted.jobId())).body(posted);
    }

    @GetMapping("/{jobId}")
    JobView get(Caller caller, @PathVariable UUID jobId) {
        return jobs.view(caller.address(), jobId);
    }
}
