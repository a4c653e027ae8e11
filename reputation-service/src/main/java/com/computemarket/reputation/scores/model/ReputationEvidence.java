package com.computemarket.reputation.scores.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** One event that moved a provider's score, kept so that every score can be explained. */
@Entity
@Table(name = "reputation_evidence")
public class ReputationEvidence {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long seq;

    @Column(nullable = false, unique = true)
    private UUID eventId;

    @Column(nullable = false)
    private String provider;

    @Column(nullable = false)
    private String eventType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private WorkOutcome outcome;

    @Column(nullable = false)
    private int delta;

    @Column(nullable = false)
    private int scoreAfter;

    @Column(nullable = false)
    private UUID leaseId;

    @Column(nullable = false)
    private UUID jobId;

    private String reason;

    @Column(nullable = false)
    private Instant occurredAt;

    @Column(nullable = false)
    private Instant recordedAt;

    protected ReputationEvidence() {
    }

    public ReputationEvidence(Verdict verdict, ScoreChange change, Instant recordedAt) {
        this.eventId = verdict.eventId();
        this.provider = verdict.provider().toLowerCase(Locale.ROOT);
        this.eventType = verdict.eventType();
        this.outcome = verdict.outcome();
        this.delta = change.delta();
        this.scoreAfter = change.score();
        this.leaseId = verdict.leaseId();
        this.jobId = verdict.jobId();
        this.reason = verdict.reason();
        this.occurredAt = verdict.occurredAt();
        this.recordedAt = recordedAt;
    }

    public UUID eventId() {
        return eventId;
    }

    public String eventType() {
        return eventType;
    }

    public WorkOutcome outcome() {
        return outcome;
    }

    public int delta() {
        return delta;
    }

    public int scoreAfter() {
        return scoreAfter;
    }

    public UUID leaseId() {
        return leaseId;
    }

    public UUID jobId() {
        return jobId;
    }

    public String reason() {
        return reason;
    }

    public Instant occurredAt() {
        return occurredAt;
    }
}
