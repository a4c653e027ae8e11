package com.computemarket.matching.leases.application;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param heartbeatInterval the longest gap between heartbeats that is not downtime
 * @param heartbeatTimeout  how long a lease may stay silent before it is closed for heartbeat loss; longer than the
 *                          interval
 * @param checkInterval     pause between two scans for silent leases
 * @param checkBatchSize    most silent leases one scan closes (each in its own transaction)
 */
@ConfigurationProperties("matching.leases")
public record LeaseProperties(
        @DefaultValue("30s") Duration heartbeatInterval,
        @DefaultValue("120s") Duration heartbeatTimeout,
        @DefaultValue("1s") Duration checkInterval,
        @DefaultValue("100") int checkBatchSize) {

    public LeaseProperties {
        if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("matching.leases.heartbeat-timeout must be longer than the interval");
        }
    }
}
