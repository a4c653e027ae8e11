package com.computemarket.reputation.scores.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScoringPolicyTest {

    private final ScoringPolicy policy = ScoringPolicy.STANDARD;

    @Test
    void everyProviderStartsInTheMiddle() {
        assertThat(policy.initialScore()).isEqualTo(500);
    }

    @Test
    void verifiedWorkEarnsTenAndRejectedWorkCostsFifty() {
        assertThat(policy.scoreAfter(500, WorkOutcome.VERIFIED)).isEqualTo(510);
        assertThat(policy.scoreAfter(500, WorkOutcome.REJECTED)).isEqualTo(450);
    }

    @Test
    void theScoreNeverLeavesZeroToAThousand() {
        assertThat(policy.scoreAfter(995, WorkOutcome.VERIFIED)).isEqualTo(1000);
        assertThat(policy.scoreAfter(1000, WorkOutcome.VERIFIED)).isEqualTo(1000);
        assertThat(policy.scoreAfter(30, WorkOutcome.REJECTED)).isZero();
        assertThat(policy.scoreAfter(0, WorkOutcome.REJECTED)).isZero();
    }

    @Test
    void theAppliedDeltaIsWhatClampingLeft() {
        ScoreChange change = new ScoreChange(30, policy.scoreAfter(30, WorkOutcome.REJECTED));

        assertThat(change.delta()).isEqualTo(-30);
    }

    @Test
    void refusesAnInitialScoreOutsideTheBounds() {
        assertThatThrownBy(() -> new ScoringPolicy(1500, 10, -50, 0, 1000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScoringPolicy(500, 10, -50, 1000, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
