package com.computemarket.matching.feed.web;

import com.computemarket.matching.feed.application.FeedItem;
import com.computemarket.matching.feed.application.FeedPage;
import com.computemarket.matching.feed.application.FeedProperties;
import com.computemarket.matching.feed.application.FeedService;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One provider's event stream: sends every feed item after the starting cursor as an event whose {@code id} is the
 * item's cursor, then long-polls the feed ({@link FeedService#read}: it waits on the feed signal, not by querying),
 * sends a comment line whenever it has been silent for {@code matching.feed.stream-heartbeat}, and ends after
 * {@code matching.feed.stream-lifetime}. Runs on its own (virtual) thread; it stops when the client is gone (the
 * emitter completes, times out or fails, seen after the current wait, at most one heartbeat; or a write fails).
 */
final class FeedStream implements Runnable {

    /** Most items one query reads; a backlog larger than this is sent in several rounds without pausing. */
    static final int BATCH = 100;

    private static final Logger log = LoggerFactory.getLogger(FeedStream.class);

    private final FeedService feed;
    private final FeedProperties properties;
    private final Clock clock;
    private final SseEmitter emitter;
    private final String provider;
    private final AtomicBoolean clientGone = new AtomicBoolean();
    private long cursor;

    FeedStream(FeedService feed, FeedProperties properties, Clock clock, SseEmitter emitter, String provider,
            long after) {
        this.feed = feed;
        this.properties = properties;
        this.clock = clock;
        this.emitter = emitter;
        this.provider = provider;
        this.cursor = after;
        emitter.onCompletion(() -> clientGone.set(true));
        emitter.onTimeout(() -> clientGone.set(true));
        emitter.onError(error -> clientGone.set(true));
    }

    @Override
    public void run() {
        Instant ends = clock.instant().plus(properties.streamLifetime());
        Instant nextHeartbeat = clock.instant().plus(properties.streamHeartbeat());
        try {
            while (!clientGone.get() && clock.instant().isBefore(ends)) {
                // A long poll of the feed until the next heartbeat is due: it returns as soon as a job arrives.
                Duration wait = shortest(Duration.between(clock.instant(), nextHeartbeat),
                        Duration.between(clock.instant(), ends));
                FeedPage page = feed.read(provider, cursor, wait, BATCH);
                for (FeedItem item : page.items()) {
                    emitter.send(SseEmitter.event().id(item.cursor()).name("job").data(item, MediaType.APPLICATION_JSON));
                    cursor = Long.parseLong(item.cursor());
                }
                if (!page.items().isEmpty()) {
                    nextHeartbeat = clock.instant().plus(properties.streamHeartbeat());
                } else if (!clock.instant().isBefore(nextHeartbeat)) {
                    emitter.send(SseEmitter.event().comment("keep-alive"));
                    nextHeartbeat = clock.instant().plus(properties.streamHeartbeat());
                }
            }
            if (!clientGone.get()) {
                emitter.complete();
            }
        } catch (IOException | IllegalStateException clientClosed) {
            // The client went away mid-write; it resumes from the last id it received.
            log.debug("feed stream of {} ended at cursor {}: {}", provider, cursor, clientClosed.toString());
        } catch (InterruptedException shutdown) {
            Thread.currentThread().interrupt();
            emitter.complete();
        }
    }

    private static Duration shortest(Duration a, Duration b) {
        Duration shorter = a.compareTo(b) <= 0 ? a : b;
        return shorter.isNegative() ? Duration.ZERO : shorter;
    }
}
