package com.computemarket.matching.jobs.application;

import com.computemarket.matching.jobs.model.JobStatus;
import java.util.UUID;

/** The answer to a job POST (the same for a replay with the same Idempotency-Key). */
public record PostedJob(UUID jobId, JobStatus status) {
}
