package com.computemarket.verification.results.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedundancyConsensusTest {

    private static final Bytes32 A = digest('a');
    private static final Bytes32 B = digest('b');
    private static final Bytes32 C = digest('c');

    @ParameterizedTest
    @CsvSource({"1,1", "2,2", "3,2", "4,3", "5,3", "6,4", "7,4"})
    void quorumIsAStrictMajorityOfTheReplicas(int replicas, int quorum) {
        assertThat(new RedundancyConsensus(replicas).quorum()).isEqualTo(quorum);
    }

    @Test
    void staysPendingWhileNoDigestHasAQuorumAndReplicasRemain() {
        assertThat(new RedundancyConsensus(3).judge(List.of(A, B), 2))
                .isInstanceOf(RedundancyConsensus.Pending.class);
    }

    @Test
    void twoOfThreeAgreeingDecideBeforeTheThirdReveals() {
        RedundancyConsensus.Outcome outcome = new RedundancyConsensus(3).judge(List.of(A, A), 2);

        assertThat(outcome).isInstanceOfSatisfying(RedundancyConsensus.Agreed.class, agreed -> {
            assertThat(agreed.digest()).isEqualTo(A);
            assertThat(agreed.accepts(A)).isTrue();
            assertThat(agreed.accepts(B)).isFalse();
        });
    }

    @Test
    void evidenceAgainstAnOutvotedDigestNamesBothDigestsAndTheirCounts() {
        var agreed = (RedundancyConsensus.Agreed) new RedundancyConsensus(3).judge(List.of(B, A, A), 3);

        assertThat(agreed.evidenceAgainst(B)).isEqualTo(
                "digest " + B + " agreed by 1 of 3 replicas; " + A + " agreed by 2 of 3, quorum 2");
    }

    @Test
    void allRevealedWithoutAQuorumIsNoConsensus() {
        RedundancyConsensus.Outcome outcome = new RedundancyConsensus(3).judge(List.of(A, B, C), 3);

        assertThat(outcome).isInstanceOfSatisfying(RedundancyConsensus.NoConsensus.class, none ->
                assertThat(none.evidence()).isEqualTo("no digest reached quorum 2 of 3 replicas; matching reveals: "
                        + A + " by 1, " + B + " by 1, " + C + " by 1"));
    }

    @Test
    void revealsThatMissedTheirCommitmentCountAsRevealedButNotAsVotes() {
        // three replicas revealed, one of them did not match its commitment: A and B have one vote each
        RedundancyConsensus.Outcome outcome = new RedundancyConsensus(3).judge(List.of(A, B), 3);

        assertThat(outcome).isInstanceOf(RedundancyConsensus.NoConsensus.class);
    }

    @Test
    void aTieInAnEvenReplicaCountIsNotAQuorum() {
        assertThat(new RedundancyConsensus(4).judge(List.of(A, A, B, B), 4))
                .isInstanceOf(RedundancyConsensus.NoConsensus.class);
    }

    @Test
    void refusesAJobWithoutReplicas() {
        assertThatThrownBy(() -> new RedundancyConsensus(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Bytes32 digest(char hexDigit) {
        return new Bytes32("0x" + String.valueOf(hexDigit).repeat(64));
    }
}
