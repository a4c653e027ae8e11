package com.computemarket.matching.jobs.model;

import static com.computemarket.matching.jobs.model.TestJobs.POSTED_AT;
import static com.computemarket.matching.jobs.model.TestJobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.computemarket.events.VerificationMode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobEarlyCloseTest {

    @Test
    void theWindowEndsNowOnceTheAskedNumberOfOpenBidsIsIn() {
        Job job = aJob().withBiddingWindowSeconds(600).closingWhenQualifiedBids(2).open();
        Instant windowEnd = job.biddingClosesAt();
        Instant now = POSTED_AT.plusSeconds(10);

        assertThat(job.closeBiddingIfEnoughBids(1, now)).isFalse();
        assertThat(job.biddingClosesAt()).isEqualTo(windowEnd);
        assertThat(job.acceptsBidsAt(now)).isTrue();

        assertThat(job.closeBiddingIfEnoughBids(2, now)).isTrue();
        assertThat(job.biddingClosesAt()).isEqualTo(now);
        assertThat(job.acceptsBidsAt(now)).isFalse();
        assertThat(job.status()).as("the closer awards it").isEqualTo(JobStatus.OPEN);
    }

    @Test
    void aJobWithoutEarlyCloseOrNoLongerTakingBidsKeepsItsWindow() {
        Job plain = aJob().withBiddingWindowSeconds(600).open();
        Job closed = aJob().withBiddingWindowSeconds(600).closingWhenQualifiedBids(1).open();
        Instant afterTheWindow = closed.biddingClosesAt().plusSeconds(1);
        Job awaitingFunds = aJob().closingWhenQualifiedBids(1).posted();

        assertThat(plain.closeBiddingIfEnoughBids(1000, POSTED_AT.plusSeconds(10))).isFalse();
        assertThat(plain.biddingClosesAt()).isEqualTo(POSTED_AT.plusSeconds(600));
        assertThat(closed.closeBiddingIfEnoughBids(5, afterTheWindow)).isFalse();
        assertThat(closed.biddingClosesAt()).isEqualTo(POSTED_AT.plusSeconds(600));
        assertThat(awaitingFunds.closeBiddingIfEnoughBids(5, POSTED_AT)).isFalse();
        assertThat(awaitingFunds.biddingClosesAt()).isNull();
    }

    @Test
    void theEarlyCloseNeedsAtLeastReplicasBidsAndAtMostTheBound() {
        assertThatThrownBy(() -> aJob().withReplicas(3, VerificationMode.REDUNDANT).closingWhenQualifiedBids(2)
                .posted())
                .isInstanceOfSatisfying(InvalidJobSpec.class,
                        invalid -> assertThat(invalid.field()).isEqualTo("closeWhenQualifiedBids"));
        assertThatNoException().isThrownBy(() -> aJob().withReplicas(3, VerificationMode.REDUNDANT)
                .closingWhenQualifiedBids(3).posted());

        JobSpec asksFive = aJob().closingWhenQualifiedBids(5).spec();
        assertThatThrownBy(() -> Job.checkEarlyCloseReachable(asksFive, 4))
                .isInstanceOfSatisfying(InvalidJobSpec.class,
                        invalid -> assertThat(invalid.field()).isEqualTo("closeWhenQualifiedBids"));
        assertThatNoException().isThrownBy(() -> Job.checkEarlyCloseReachable(asksFive, 5));
        assertThatNoException().isThrownBy(() -> Job.checkEarlyCloseReachable(aJob().spec(), 1));
    }

    @Test
    void theEarlyCloseIsPartOfTheRequestFingerprintOnlyWhenAsked() {
        JobSpec without = aJob().spec();
        JobSpec legacy = new JobSpec(without.requirement(), without.workload(), without.durationSeconds(),
                without.maxPricePerHour(), without.replicas(), without.verificationMode(),
                without.biddingWindowSeconds(), without.minReputation(), without.deadline());

        assertThat(legacy.fingerprint()).isEqualTo(without.fingerprint());
        assertThat(aJob().closingWhenQualifiedBids(2).spec().fingerprint()).isNotEqualTo(without.fingerprint())
                .isNotEqualTo(aJob().closingWhenQualifiedBids(3).spec().fingerprint());
    }

    @Test
    void theOpeningTellsThatTheWindowMayEndEarly() {
        assertThat(aJob().closingWhenQualifiedBids(4).posted().open(1, POSTED_AT).closeWhenQualifiedBids())
                .isEqualTo(4);
        assertThat(aJob().posted().open(1, POSTED_AT).closeWhenQualifiedBids()).isNull();
    }
}
