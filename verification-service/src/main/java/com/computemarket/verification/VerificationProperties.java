package com.computemarket.verification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param consumerGroup the Kafka consumer group of this service and the name its inbox records processed events
 *                      under; every instance of the service shares it
 */
@ConfigurationProperties("verification")
public record VerificationProperties(@DefaultValue("verification-service") String consumerGroup) {
}
