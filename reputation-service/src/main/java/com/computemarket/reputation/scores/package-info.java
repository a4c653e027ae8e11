/**
 * Provider scores: each verdict on a provider's work ({@code WorkVerified}, {@code WorkRejected}) moves its score by
 * the {@link com.computemarket.reputation.scores.model.ScoringPolicy}, is kept as evidence, and is announced as
 * {@code ReputationUpdated}. Scores are public market information.
 */
package com.computemarket.reputation.scores;
