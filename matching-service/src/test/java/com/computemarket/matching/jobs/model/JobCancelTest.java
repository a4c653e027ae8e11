package com.computemarket.matching.jobs.model;

import static com.computemarket.matching.jobs.model.TestJobs.CONSUMER;
import static com.computemarket.matching.jobs.model.TestJobs.POSTED_AT;
import static com.computemarket.matching.jobs.model.TestJobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.computemarket.events.JobCancelled;
import com.computemarket.events.JobExpired;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The consumer's cancel in the job's state machine: from every state that has not ended, and from none that has. */
class JobCancelTest {

    private static final Instant CANCELLED_AT = POSTED_AT.plusSeconds(90);

    @Test
    void aJobAwaitingFundsOpenAwardedOrRelistingCanBeCancelled() {
        Job relisting = aJob().open();
        relisting.award();
        relisting.replicaLost(List.of("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"), POSTED_AT.plusSeconds(60));
        Job awarded = aJob().open();
        awarded.award();

        for (Job job : List.of(aJob().posted(), aJob().open(), awarded, relisting)) {
            JobCancelled cancelled = job.cancel(CANCELLED_AT);

            assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(job.isCancelled()).isTrue();
            assertThat(job.cancelledAt()).isEqualTo(CANCELLED_AT);
            assertThat(cancelled).isEqualTo(new JobCancelled(job.id(), CONSUMER, CANCELLED_AT));
        }
    }

    @Test
    void aJobThatEndedCannotBeCancelledAndACancelledOneCannotMoveOn() {
        Job expired = aJob().open();
        expired.expire(Map.of("NO_BIDS", 1), new JobExpired.ProviderSurvey(0, Map.of()));
        Job rejected = aJob().posted();
        rejected.rejectHold("INSUFFICIENT_FUNDS", POSTED_AT);
        Job completed = aJob().open();
        completed.award();
        completed.complete(POSTED_AT);

        for (Job ended : List.of(expired, rejected, completed)) {
            assertThatThrownBy(() -> ended.cancel(CANCELLED_AT)).isInstanceOf(IllegalJobTransition.class);
            assertThat(ended.cancelledAt()).isNull();
        }
        Job cancelled = aJob().open();
        cancelled.cancel(CANCELLED_AT);
        assertThat(JobStatus.CANCELLED.isFinal()).isTrue();
        assertThatThrownBy(() -> cancelled.cancel(CANCELLED_AT)).isInstanceOf(IllegalJobTransition.class);
        assertThatThrownBy(cancelled::award).isInstanceOf(IllegalJobTransition.class);
        assertThatThrownBy(() -> cancelled.open(2, CANCELLED_AT)).isInstanceOf(IllegalJobTransition.class);
        assertThat(cancelled.replicaLost(List.of(), CANCELLED_AT)).isEmpty();
    }
}
