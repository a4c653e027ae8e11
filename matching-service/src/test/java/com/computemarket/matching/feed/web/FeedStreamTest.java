package com.computemarket.matching.feed.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.computemarket.events.VerificationMode;
import com.computemarket.matching.feed.application.FeedItem;
import com.computemarket.matching.feed.application.FeedPage;
import com.computemarket.matching.feed.application.FeedProperties;
import com.computemarket.matching.feed.application.FeedService;
import com.computemarket.matching.jobs.application.JobView;
import com.computemarket.matching.jobs.model.WorkloadKind;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The stream's loop alone, over a stubbed feed: events in cursor order, heartbeats when idle, a bounded life. */
class FeedStreamTest {

    private static final String PROVIDER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

    /** Records what the stream writes, as the text of each event. */
    private static final class RecordingEmitter extends SseEmitter {

        final List<String> written = new CopyOnWriteArrayList<>();
        volatile boolean completed;

        @Override
        public void send(SseEventBuilder event) throws IOException {
            written.add(event.build().stream()
                    .map(part -> part.getData() instanceof FeedItem item ? "{job " + item.cursor() + "}"
                            : part.getData().toString())
                    .collect(Collectors.joining()));
        }

        @Override
        public synchronized void complete() {
            completed = true;
        }
    }

    private static FeedItem item(long cursor) {
        return new FeedItem(Long.toString(cursor), UUID.randomUUID(), new FeedItem.Resources(1000, 1024L, 0, 0L), "1",
                60, 1, VerificationMode.NONE, Instant.now().plusSeconds(60),
                new JobView.Workload(WorkloadKind.OCI, "ghcr.io/acme/render:1.2", null, null));
    }

    @Test
    void sendsEachItemWithItsCursorAsIdThenHeartbeatsWhileIdleAndEndsAfterItsLifetime() throws Exception {
        FeedService feed = mock(FeedService.class);
        List<Duration> waits = new CopyOnWriteArrayList<>();
        when(feed.read(eq(PROVIDER), anyLong(), any(), anyInt())).thenAnswer(call -> {
            // With nothing new the real feed waits as long as it is asked to; so does this one.
            Duration wait = call.getArgument(2);
            waits.add(wait);
            LockSupport.parkNanos(wait.toNanos());
            return new FeedPage(List.of(), "0");
        });
        when(feed.read(eq(PROVIDER), eq(4L), any(), anyInt()))
                .thenReturn(new FeedPage(List.of(item(5), item(9)), "9"));
        FeedProperties properties = new FeedProperties(Duration.ofMillis(10), Duration.ofSeconds(2),
                Duration.ofMillis(100));
        RecordingEmitter emitter = new RecordingEmitter();

        Thread stream = Thread.ofVirtual().start(new FeedStream(feed, properties, Clock.systemUTC(), emitter,
                PROVIDER, 4));

        await().atMost(Duration.ofSeconds(10)).until(() -> !stream.isAlive());
        assertThat(emitter.completed).isTrue();
        assertThat(emitter.written.subList(0, 2)).containsExactly(
                "id:5\nevent:job\ndata:{job 5}\n\n",
                "id:9\nevent:job\ndata:{job 9}\n\n");
        // Two seconds of silence after the jobs with a heartbeat due every 100 ms: comment lines, however busy the
        // machine (about 19 on an idle one).
        assertThat(emitter.written.subList(2, emitter.written.size()))
                .hasSizeGreaterThanOrEqualTo(2)
                .allMatch(text -> text.startsWith(":keep-alive\n"));
        // While idle it waits in the feed (no polling loop of its own), never past the next heartbeat.
        assertThat(waits).isNotEmpty()
                .allMatch(wait -> !wait.isNegative() && wait.compareTo(Duration.ofMillis(100)) <= 0);
    }

    @Test
    void stopsAsSoonAsAWriteFailsBecauseTheClientIsGone() throws Exception {
        FeedService feed = mock(FeedService.class);
        when(feed.read(eq(PROVIDER), anyLong(), any(), anyInt()))
                .thenReturn(new FeedPage(List.of(item(1), item(2)), "2"));
        SseEmitter brokenPipe = new SseEmitter() {
            @Override
            public void send(SseEventBuilder event) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        FeedProperties properties = new FeedProperties(Duration.ofMillis(10), Duration.ofMinutes(5),
                Duration.ofSeconds(15));

        Thread stream = Thread.ofVirtual().start(new FeedStream(feed, properties, Clock.systemUTC(), brokenPipe,
                PROVIDER, 0));

        await().atMost(Duration.ofSeconds(10)).until(() -> !stream.isAlive());
    }
}
