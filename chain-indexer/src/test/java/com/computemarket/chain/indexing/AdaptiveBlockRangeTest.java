package com.computemarket.chain.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdaptiveBlockRangeTest {

    private static final Duration FAST = Duration.ofMillis(10);
    private static final IndexingProperties.Backfill LIMITS = new IndexingProperties.Backfill(100,
            Duration.ofMillis(300), Duration.ofSeconds(2), 10_000);

    @Test
    void fastSmallAnswersDoubleTheRangeUpToTheMaximum() {
        AdaptiveBlockRange range = new AdaptiveBlockRange(LIMITS, 1_000);
        range.answered(100, 10, FAST);
        assertThat(range.size()).isEqualTo(200);
        range.answered(200, 10, FAST);
        range.answered(400, 10, FAST);
        range.answered(800, 10, FAST);
        assertThat(range.size()).isEqualTo(1_000);
        range.answered(1_000, 10, FAST);
        assertThat(range.size()).isEqualTo(1_000);
    }

    @Test
    void aRangeCutShortByTheHeadDoesNotGrow() {
        AdaptiveBlockRange range = new AdaptiveBlockRange(LIMITS, 1_000);
        range.answered(7, 0, FAST);
        assertThat(range.size()).isEqualTo(100);
    }

    @Test
    void slowOrCrowdedAnswersHalveTheRange() {
        AdaptiveBlockRange range = new AdaptiveBlockRange(LIMITS, 1_000);
        range.answered(100, 10, Duration.ofSeconds(3));
        assertThat(range.size()).isEqualTo(50);
        range.answered(50, 10_001, FAST);
        assertThat(range.size()).isEqualTo(25);
    }

    @Test
    void answersBetweenFastAndSlowOrHalfFullKeepTheRange() {
        AdaptiveBlockRange range = new AdaptiveBlockRange(LIMITS, 1_000);
        range.answered(100, 10, Duration.ofSeconds(1));
        range.answered(100, 6_000, FAST);
        assertThat(range.size()).isEqualTo(100);
    }

    @Test
    void aRefusedRangeIsHalvedUntilASingleBlockIsRefused() {
        AdaptiveBlockRange range = new AdaptiveBlockRange(LIMITS, 1_000);
        assertThat(range.refused(100)).isTrue();
        assertThat(range.size()).isEqualTo(50);
        assertThat(range.refused(3)).isTrue();
        assertThat(range.size()).isEqualTo(1);
        assertThat(range.refused(1)).isFalse();
        assertThat(range.size()).isEqualTo(1);
    }

    @Test
    void theInitialRangeNeverExceedsTheMaximum() {
        assertThat(new AdaptiveBlockRange(LIMITS, 40).size()).isEqualTo(40);
    }
}
