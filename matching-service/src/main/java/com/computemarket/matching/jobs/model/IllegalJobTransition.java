package com.computemarket.matching.jobs.model;

import java.util.UUID;

/** A move the job's state machine does not allow from its current status. */
public class IllegalJobTransition extends IllegalStateException {

    public IllegalJobTransition(UUID jobId, JobStatus from, JobStatus to) {
        super("job " + jobId + " cannot move from " + from + " to " + to);
    }
}
