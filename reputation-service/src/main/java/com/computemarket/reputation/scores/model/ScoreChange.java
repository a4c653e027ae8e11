package com.computemarket.reputation.scores.model;

/** A score before and after one piece of evidence; {@code delta} is what was applied after clamping. */
public record ScoreChange(int previousScore, int score) {

    public int delta() {
        return score - previousScore;
    }
}
