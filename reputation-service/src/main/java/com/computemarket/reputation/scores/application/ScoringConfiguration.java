package com.computemarket.reputation.scores.application;

import com.computemarket.reputation.ReputationProperties;
import com.computemarket.reputation.scores.model.ScoringPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ScoringConfiguration {

    @Bean
    ScoringPolicy scoringPolicy(ReputationProperties properties) {
        ReputationProperties.Scoring scoring = properties.scoring();
        return new ScoringPolicy(scoring.initialScore(), scoring.verifiedDelta(), scoring.rejectedDelta(),
                scoring.minScore(), scoring.maxScore());
    }
}
