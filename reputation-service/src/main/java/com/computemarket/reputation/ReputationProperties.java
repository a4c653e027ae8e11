package com.computemarket.reputation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param consumerGroup the Kafka consumer group of this service and the name its inbox records processed events under
 * @param evidenceLimit how many of a provider's latest evidence rows its reputation shows
 * @param scoring       the numbers of the {@link com.computemarket.reputation.scores.model.ScoringPolicy}
 */
@ConfigurationProperties("reputation")
public record ReputationProperties(
        @DefaultValue("reputation-service") String consumerGroup,
        @DefaultValue("20") int evidenceLimit,
        @DefaultValue Scoring scoring) {

    /**
     * @param initialScore  the score of a provider without evidence
     * @param verifiedDelta change for each WorkVerified
     * @param rejectedDelta change for each WorkRejected
     * @param minScore      lowest score
     * @param maxScore      highest score
     */
    public record Scoring(
            @DefaultValue("500") int initialScore,
            @DefaultValue("10") int verifiedDelta,
            @DefaultValue("-50") int rejectedDelta,
            @DefaultValue("0") int minScore,
            @DefaultValue("1000") int maxScore) {
    }
}
