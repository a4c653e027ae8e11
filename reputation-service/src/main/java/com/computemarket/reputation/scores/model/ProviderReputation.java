package com.computemarket.reputation.scores.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A provider's current score; {@code provider} is its address in lower case, so every spelling finds it. */
@Entity
@Table(name = "provider_reputation")
public class ProviderReputation {

    @Id
    private String provider;

    @Column(nullable = false)
    private int score;

    @Column(nullable = false)
    private Instant updatedAt;

    protected ProviderReputation() {
    }

    public ScoreChange record(WorkOutcome outcome, ScoringPolicy policy, Instant now) {
        int previous = score;
        score = policy.scoreAfter(previous, outcome);
        updatedAt = now;
        return new ScoreChange(previous, score);
    }

    public String provider() {
        return provider;
    }

    public int score() {
        return score;
    }
}
