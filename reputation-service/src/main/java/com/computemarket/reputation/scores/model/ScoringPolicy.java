package com.computemarket.reputation.scores.model;

/**
 * How verdicts move a provider's score: every provider starts at {@code initialScore}; each verified lease adds
 * {@code verifiedDelta}, each rejected one adds {@code rejectedDelta} (negative: a rejection costs more than a success
 * earns, so cheating does not pay); the score never leaves {@code [minScore, maxScore]}.
 */
public record ScoringPolicy(int initialScore, int verifiedDelta, int rejectedDelta, int minScore, int maxScore) {

    public static final ScoringPolicy STANDARD = new ScoringPolicy(500, 10, -50, 0, 1000);

    public ScoringPolicy {
        if (minScore > maxScore || initialScore < minScore || initialScore > maxScore) {
            throw new IllegalArgumentException("need minScore <= initialScore <= maxScore, got %d <= %d <= %d"
                    .formatted(minScore, initialScore, maxScore));
        }
    }

    public int scoreAfter(int current, WorkOutcome outcome) {
        int delta = switch (outcome) {
            case VERIFIED -> verifiedDelta;
            case REJECTED -> rejectedDelta;
        };
        return Math.clamp((long) current + delta, minScore, maxScore);
    }
}
