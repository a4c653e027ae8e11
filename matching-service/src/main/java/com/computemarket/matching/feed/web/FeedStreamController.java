package com.computemarket.matching.feed.web;

import com.computemarket.api.ApiProblem;
import com.computemarket.api.Caller;
import com.computemarket.matching.feed.application.FeedProperties;
import com.computemarket.matching.feed.application.FeedService;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The feed as server-sent events: each job is an event named {@code job} whose {@code id} is its cursor. A client
 * resumes where it left off with {@code Last-Event-ID} (what browsers' EventSource sends on reconnect), which takes
 * precedence over {@code after}; the stream never repeats an item at or before that cursor.
 */
@RestController
class FeedStreamController {

    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final FeedService feed;
    private final FeedProperties properties;
    private final Clock clock;
    private final TaskExecutor streams;

    FeedStreamController(FeedService feed, FeedProperties properties, Clock clock,
            @Qualifier("applicationTaskExecutor") TaskExecutor streams) {
        this.feed = feed;
        this.properties = properties;
        this.clock = clock;
        this.streams = streams;
    }

    @GetMapping(path = "/api/v1/feed/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(Caller caller,
            @RequestParam(defaultValue = "0") @Min(0) long after,
            @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId) {
        long start = lastEventId == null ? after : cursorOf(lastEventId);
        // The servlet container's async timeout must not end the stream before its own lifetime does.
        SseEmitter emitter = new SseEmitter(properties.streamLifetime().plus(properties.streamHeartbeat()).toMillis());
        streams.execute(new FeedStream(feed, properties, clock, emitter, caller.address(), start));
        return emitter;
    }

    private static long cursorOf(String lastEventId) {
        try {
            long cursor = Long.parseLong(lastEventId.strip());
            if (cursor >= 0) {
                return cursor;
            }
        } catch (NumberFormatException notANumber) {
            // refused below like a negative cursor
        }
        throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-cursor",
                "Last-Event-ID must be a feed cursor (an event id this stream sent, a non-negative integer)",
                LAST_EVENT_ID);
    }
}
