package com.computemarket.matching.feed.application;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pollInterval    how often, while any long poll or event stream waits, the instance reads the newest feed
 *                        cursor ({@link FeedSignal}: one query per instance, however many wait)
 * @param streamLifetime  how long one event stream stays open before the service ends it (the client reconnects with
 *                        {@code Last-Event-ID}); bounded so that streams never pin a connection or a gateway route
 *                        forever; the gateway's time limit for the stream route must outlast it
 * @param streamHeartbeat longest silence on an event stream: a comment line is sent after this long without a job,
 *                        so proxies and load balancers that close idle connections keep it open
 */
@ConfigurationProperties("matching.feed")
public record FeedProperties(
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("5m") Duration streamLifetime,
        @DefaultValue("15s") Duration streamHeartbeat) {
}
