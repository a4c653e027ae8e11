package com.computemarket.matching.feed.application;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param pollInterval how often a waiting long-poll request looks for new jobs */
@ConfigurationProperties("matching.feed")
public record FeedProperties(@DefaultValue("250ms") Duration pollInterval) {
}
