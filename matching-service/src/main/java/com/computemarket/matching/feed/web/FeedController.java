package com.computemarket.matching.feed.web;

import com.computemarket.api.Caller;
import com.computemarket.matching.feed.application.FeedPage;
import com.computemarket.matching.feed.application.FeedService;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Open jobs the calling provider can run, after a cursor; waits up to {@code waitSeconds} when there are none. */
@RestController
class FeedController {

    private final FeedService feed;

    FeedController(FeedService feed) {
        this.feed = feed;
    }

    @GetMapping("/api/v1/feed")
    FeedPage feed(Caller caller,
            @RequestParam(defaultValue = "0") @Min(0) long after,
            @RequestParam(defaultValue = "0") @Min(0) @Max(30) int waitSeconds,
            @RequestParam(defaultValue = "50") @Min(1) @Max(100) int limit) throws InterruptedException {
        return feed.read(caller.address(), after, Duration.ofSeconds(waitSeconds), limit);
    }
}
