package com.computemarket.matching.jobs.model;

import java.util.Optional;
import java.util.List;
import java.time.Instant;
import com.computemarket.events.MarketEvent;
import com.computemarket.events.JobFailed;
import com.computemarket.events.JobRelisted;
import static com.computemarket.matching.jobs.model.TestJobs.CONSUMER;
import static com.computemarket.matching.jobs.model.TestJobs.POSTED_AT;
import static com.computemarket.matching.jobs.model.TestJobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.computemarket.events.JobCompleted;
import com.computemarket.events.JobExpired;
import com.computemarket.events.JobOpened;
import com.computemarket.events.JobPosted;
import com.computemarket.events.JobRejected;
import com.computemarket.events.VerificationMode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobTest {

    @Test
    void aPostedJobWaitsForFundsAndAnnouncesItsTerms() {
        Job job = aJob().withReplicas(3, VerificationMode.REDUNDANT).posted();

        assertThat(job.status()).isEqualTo(JobStatus.PENDING_FUNDS);
        JobPosted posted = job.posted();
        assertThat(posted.jobId()).isEqualTo(job.id());
        assertThat(posted.consumer()).isEqualTo(CONSUMER);
        assertThat(posted.replicas()).isEqualTo(3);
        assertThat(posted.verificationMode()).isEqualTo(VerificationMode.REDUNDANT);
        assertThat(posted.maxPricePerHour()).isEqualTo(job.maxPricePerHour());
    }

    @Test
    void fundingOpensBiddingForTheWindowAndPlacesTheJobInTheFeed() {
        Job job = aJob().withBiddingWindowSeconds(45).posted();

        JobOpened opened = job.open(17, POSTED_AT.plusSeconds(5));

        assertThat(job.status()).isEqualTo(JobStatus.OPEN);
        assertThat(job.feedSequence()).isEqualTo(17);
        assertThat(opened.biddingClosesAt()).isEqualTo(POSTED_AT.plusSeconds(50));
        assertThat(job.acceptsBidsAt(POSTED_AT.plusSeconds(49))).isTrue();
        assertThat(job.acceptsBidsAt(POSTED_AT.plusSeconds(50))).isFalse();
    }

    @Test
    void aRejectedHoldRejectsTheJobWithEscrowsReason() {
        Job job = aJob().posted();

        assertThat(job.rejectHold("INSUFFICIENT_FUNDS", POSTED_AT.plusSeconds(2)))
                .isEqualTo(new JobRejected(job.id(), CONSUMER, "INSUFFICIENT_FUNDS", POSTED_AT.plusSeconds(2)));

        assertThat(job.status()).isEqualTo(JobStatus.REJECTED);
        assertThat(job.statusReason()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThatThrownBy(() -> job.open(1, POSTED_AT)).isInstanceOf(IllegalJobTransition.class);
    }

    @Test
    void aJobCannotBeAwardedBeforeItIsFundedNorOpenedTwice() {
        Job job = aJob().posted();

        assertThatThrownBy(job::award).isInstanceOf(IllegalJobTransition.class);
        job.open(1, POSTED_AT);
        assertThatThrownBy(() -> job.open(2, POSTED_AT)).isInstanceOf(IllegalJobTransition.class);
    }

    @Test
    void anAwardedJobCompletesAndThenStaysCompleted() {
        Job job = aJob().open();

        job.award();
        assertThat(job.acceptsBidsAt(POSTED_AT)).isFalse();
        assertThat(job.complete(POSTED_AT.plusSeconds(7200)))
                .isEqualTo(new JobCompleted(job.id(), CONSUMER, POSTED_AT.plusSeconds(7200)));

        assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
        assertThatThrownBy(() -> job.complete(POSTED_AT.plusSeconds(7201))).isInstanceOf(IllegalJobTransition.class);
    }

    @Test
    void anExpiredJobKeepsItsReasonsSortedAndCannotBeAwarded() {
        Job job = aJob().open();

        JobExpired expired = job.expire(Map.of("PRICE_ABOVE_MAX", 2, "INSUFFICIENT_STAKE", 1),
                new JobExpired.ProviderSurvey(1, Map.of("NO_FITTING_NODE", 3)));

        assertThat(job.status()).isEqualTo(JobStatus.EXPIRED);
        assertThat(job.statusReason()).isEqualTo("INSUFFICIENT_STAKE=1,PRICE_ABOVE_MAX=2");
        assertThat(expired.reasons()).containsExactly(Map.entry("INSUFFICIENT_STAKE", 1),
                Map.entry("PRICE_ABOVE_MAX", 2));
        assertThat(expired.providerSurvey()).isEqualTo(new JobExpired.ProviderSurvey(1, Map.of("NO_FITTING_NODE", 3)));
        assertThat(job.expiryProviderSurvey()).contains(expired.providerSurvey());
        assertThatThrownBy(job::award).isInstanceOf(IllegalJobTransition.class);
    }

    @Test
    void redundantVerificationNeedsAtLeastTwoReplicas() {
        assertThatThrownBy(() -> aJob().withReplicas(1, VerificationMode.REDUNDANT).posted())
                .isInstanceOfSatisfying(InvalidJobSpec.class, invalid -> assertThat(invalid.field()).isEqualTo("replicas"));
        assertThat(aJob().withReplicas(2, VerificationMode.REDUNDANT).posted().replicas()).isEqualTo(2);
    }

    @Test
    void refusesAMaxPriceWhoseHoldWouldNotFitInAUint256() {
        BigInteger priceBeyondUint256 = BigInteger.TWO.pow(256);
        assertThatThrownBy(() -> aJob().withMaxPricePerHour(priceBeyondUint256).posted())
                .isInstanceOfSatisfying(InvalidJobSpec.class,
                        invalid -> assertThat(invalid.field()).isEqualTo("maxPricePerHour"));
        assertThat(aJob().withMaxPricePerHour(BigInteger.TWO.pow(200)).posted().holdAmount().bitLength())
                .isLessThanOrEqualTo(256);
    }

    @Test
    void rejectsReplicasAndWindowsOutOfRange() {
        assertThatThrownBy(() -> aJob().withReplicas(17, VerificationMode.NONE).posted())
                .isInstanceOfSatisfying(InvalidJobSpec.class, invalid -> assertThat(invalid.field()).isEqualTo("replicas"));
        assertThatThrownBy(() -> aJob().withBiddingWindowSeconds(3601).posted())
                .isInstanceOfSatisfying(InvalidJobSpec.class,
                        invalid -> assertThat(invalid.field()).isEqualTo("biddingWindowSeconds"));
        assertThatThrownBy(() -> aJob().withMaxPricePerHour(BigInteger.ZERO).posted())
                .isInstanceOfSatisfying(InvalidJobSpec.class,
                        invalid -> assertThat(invalid.field()).isEqualTo("maxPricePerHour"));
        assertThatThrownBy(() -> aJob().withMinReputation(1001).posted())
                .isInstanceOfSatisfying(InvalidJobSpec.class,
                        invalid -> assertThat(invalid.field()).isEqualTo("placement.minReputation"));
    }

    @Test
    void theStateMachineAllowsOnlyTheLifecycleMoves() {
        assertThat(JobStatus.PENDING_FUNDS.next()).containsExactlyInAnyOrder(JobStatus.OPEN, JobStatus.REJECTED,
                JobStatus.CANCELLED);
        assertThat(JobStatus.OPEN.next()).containsExactlyInAnyOrder(JobStatus.AWARDED, JobStatus.EXPIRED,
                JobStatus.CANCELLED);
        assertThat(JobStatus.AWARDED.next()).containsExactlyInAnyOrder(JobStatus.COMPLETED, JobStatus.RELISTING,
                JobStatus.FAILED, JobStatus.CANCELLED);
        assertThat(JobStatus.RELISTING.next()).containsExactlyInAnyOrder(JobStatus.OPEN, JobStatus.FAILED,
                JobStatus.CANCELLED);
        assertThat(JobStatus.CANCELLED.next()).isEmpty();
        assertThat(JobStatus.FAILED.next()).isEmpty();
        assertThat(JobStatus.COMPLETED.next()).isEmpty();
        assertThat(JobStatus.EXPIRED.next()).isEmpty();
        assertThat(JobStatus.REJECTED.next()).isEmpty();
    }

    @Test
    void theFingerprintChangesWithAnyFieldOfTheSpec() {
        assertThat(aJob().spec().fingerprint()).isEqualTo(aJob().spec().fingerprint());
        assertThat(aJob().withDurationSeconds(3601).spec().fingerprint()).isNotEqualTo(aJob().spec().fingerprint());
        assertThat(aJob().withMaxPricePerHour(BigInteger.ONE).spec().fingerprint())
                .isNotEqualTo(aJob().spec().fingerprint());
        assertThat(aJob().withMinReputation(600).spec().fingerprint()).isNotEqualTo(aJob().spec().fingerprint());
    }

    @Test
    void aSpecWithoutAMinimumReputationKeepsTheFingerprintItHadBeforeTheConstraintExisted()
            throws NoSuchAlgorithmException {
        // SHA-256 of "2000|4096|0|OCI|ghcr.io/acme/render:1.2||3600|2000000000000000000|1|NONE|30", the canonical
        // form before minReputation: a client retrying an older request with its Idempotency-Key still matches.
        assertThat(aJob().spec().fingerprint())
                .isEqualTo(sha256("2000|4096|0|OCI|ghcr.io/acme/render:1.2||3600|2000000000000000000|1|NONE|30"));
    }

    private static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theConsumerIsRecognisedWhateverTheAddressCase() {
        Job job = aJob().posted();

        assertThat(job.isPostedBy(CONSUMER.toLowerCase())).isTrue();
        assertThat(job.isPostedBy("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC")).isFalse();
    }

    @Test
    void aLostReplicaGoesBackToAuctionWithoutTheProvidersThatFailedIt() {
        Job job = aJob().withReplicas(2, VerificationMode.REDUNDANT).open();
        job.award();
        Instant lostAt = POSTED_AT.plusSeconds(600);

        Optional<MarketEvent> relisted = job.replicaLost(List.of("0xbad"), lostAt);

        assertThat(relisted).containsInstanceOf(JobRelisted.class);
        JobRelisted event = (JobRelisted) relisted.orElseThrow();
        assertThat(event.listing()).isEqualTo(2);
        assertThat(event.replicas()).isEqualTo(1);
        assertThat(event.excludedProviders()).containsExactly("0xbad");
        assertThat(job.status()).isEqualTo(JobStatus.RELISTING);
        assertThat(job.openReplicas()).isEqualTo(1);
        assertThat(job.replicaLost(List.of("0xbad", "0xworse"), lostAt)).isEmpty();

        job.open(2, lostAt.plusSeconds(1));
        job.award();

        assertThat(job.relistLostReplicas(List.of("0xbad", "0xworse"), lostAt.plusSeconds(60)))
                .containsInstanceOf(JobRelisted.class);
        assertThat(job.listing()).isEqualTo(3);
        assertThat(job.openReplicas()).isEqualTo(1);
    }

    @Test
    void aLostReplicaFailsTheJobWhenTheDeadlineLeavesNoTimeToRunItAgain() {
        Job job = aJob().withDeadline(POSTED_AT.plusSeconds(30 + 3600 + 100)).open();
        job.award();

        Optional<MarketEvent> failed = job.replicaLost(List.of("0xbad"), POSTED_AT.plusSeconds(101));

        assertThat(failed).containsInstanceOf(JobFailed.class);
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.statusReason()).isEqualTo(Job.DEADLINE_TOO_CLOSE_TO_RELIST);
    }

    @Test
    void aRefusedHoldForARelistingFailsTheJob() {
        Job job = aJob().open();
        job.award();
        job.replicaLost(List.of("0xbad"), POSTED_AT.plusSeconds(60));

        assertThat(job.rejectHold("INSUFFICIENT_FUNDS", POSTED_AT.plusSeconds(61))).isInstanceOf(JobFailed.class);
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.statusReason()).isEqualTo("RELIST_HOLD_REJECTED:INSUFFICIENT_FUNDS");
    }

    @Test
    void aDeadlineTooSoonForTheWindowAndDurationIsRefusedNamingTheField() {
        assertThatThrownBy(() -> aJob().withDeadline(POSTED_AT.plusSeconds(30 + 3600 - 1)).posted())
                .isInstanceOfSatisfying(InvalidJobSpec.class, invalid -> assertThat(invalid.field())
                        .isEqualTo("deadline"));
    }
}
