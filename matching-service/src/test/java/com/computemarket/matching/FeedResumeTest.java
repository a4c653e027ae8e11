package com.computemarket.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.events.EventType;
import com.computemarket.testsupport.TestAddresses;
import com.computemarket.testsupport.TestTokens;
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Resuming the provider feed after a disconnect, by long poll and by server-sent events: a reconnect from the last
 * cursor the client holds gets exactly the jobs after it, in order, and nothing it already had.
 *
 * <p>Each test keeps to a job shape of its own (a few millicores and MiB that no other test asks for) and jobs that
 * need the top reputation score: only its own provider, with a node of exactly that shape and a score of 1000, sees
 * them, and it sees no other test's jobs (they all need a bigger node).
 */
@MatchingIntegrationTest
class FeedResumeTest {

    private final KafkaEvents kafka = new KafkaEvents();

    @Autowired
    private MockMvc mvc;

    @Autowired
    private JdbcClient jdbc;

    private ResultActions call(MockHttpServletRequestBuilder request, String caller) throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(caller))
                .contentType(MediaType.APPLICATION_JSON));
    }

    /** A provider with one node of exactly this shape and the top reputation score. */
    private String providerSized(int cpuMillicores, long memoryMb) throws Exception {
        String provider = TestAddresses.fresh();
        call(post("/api/v1/providers/me/nodes").content("""
                {"name": "tiny", "cpuMillicores": %d, "memoryMb": %d, "gpuCount": 0, "region": "eu-west"}
                """.formatted(cpuMillicores, memoryMb)), provider)
                .andExpect(status().isCreated());
        jdbc.sql("update provider set reputation_score = 1000 where address = ?").param(provider).update();
        return provider;
    }

    /** Posts {@code count} jobs of this shape and opens them one after another, so they enter the feed in order. */
    private List<String> postAndOpen(int count, int cpuMillicores, long memoryMb) throws Exception {
        String consumer = TestAddresses.fresh();
        List<String> jobIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String response = call(post("/api/v1/jobs").content("""
                    {"resources": {"cpuMillicores": %d, "memoryMb": %d, "gpuCount": 0},
                     "workload": {"kind": "WASM", "reference": "https://modules.example/feed-resume.wasm",
                                  "contentHash": "sha256:3b0c6d8e1f2a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9001122334"},
                     "durationSeconds": 600, "maxPricePerHour": "1000000000000000000", "replicas": 1,
                     "verificationMode": "NONE", "biddingWindowSeconds": 3600, "placement": {"minReputation": 1000}}
                    """.formatted(cpuMillicores, memoryMb)), consumer)
                    .andExpect(status().isAccepted())
                    .andReturn().getResponse().getContentAsString();
            String jobId = JsonPath.read(response, "$.jobId");
            kafka.publishExample(EventType.FUNDS_HELD, jobId, example -> {
                example.put("jobId", jobId);
                example.put("consumer", consumer);
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select status from job where id = ?::uuid")
                    .param(jobId).query(String.class).single().equals("OPEN"));
            jobIds.add(jobId);
        }
        return jobIds;
    }

    private record Page(List<String> jobIds, List<String> cursors, String nextCursor) {
    }

    private Page longPoll(String provider, String after, int limit) throws Exception {
        String body = call(get("/api/v1/feed").param("after", after).param("limit", Integer.toString(limit)), provider)
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return new Page(JsonPath.read(body, "$.items[*].jobId"), JsonPath.read(body, "$.items[*].cursor"),
                JsonPath.read(body, "$.nextCursor"));
    }

    @Test
    void aLongPollReconnectFromTheLastCursorGetsExactlyTheRestInOrder() throws Exception {
        String provider = providerSized(3, 5);
        List<String> before = postAndOpen(5, 3, 5);

        Page firstRead = longPoll(provider, "0", 3);
        assertThat(firstRead.jobIds()).containsExactlyElementsOf(before.subList(0, 3));
        // The client goes away holding the cursor of the last job it read; more jobs open meanwhile.
        List<String> whileAway = postAndOpen(3, 3, 5);

        Page resumed = longPoll(provider, firstRead.nextCursor(), 50);

        List<String> rest = new ArrayList<>(before.subList(3, 5));
        rest.addAll(whileAway);
        assertThat(resumed.jobIds()).containsExactlyElementsOf(rest);
        assertThat(resumed.nextCursor()).isEqualTo(resumed.cursors().getLast());
        assertThat(longPoll(provider, resumed.nextCursor(), 50).jobIds()).isEmpty();
    }

    @Test
    void aWaitingLongPollIsAnsweredWhenAJobItCanRunOpens() throws Exception {
        String provider = providerSized(4, 4);
        try (ExecutorService client = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> waiting = client.submit(() -> call(get("/api/v1/feed").param("waitSeconds", "30"), provider)
                    .andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString());

            List<String> opened = postAndOpen(1, 4, 4);

            // Well inside the 30 s the poll may wait: the feed signal wakes it when the job commits.
            await().atMost(Duration.ofSeconds(20)).until(waiting::isDone);
            List<String> answered = JsonPath.read(waiting.get(), "$.items[*].jobId");
            assertThat(answered).containsExactlyElementsOf(opened);
        }
    }

    private record Event(String id, String name, String jobId) {
    }

    /** Opens an event stream; the response keeps filling while the test reads it. */
    private MvcResult openStream(String provider, String after, String lastEventId) throws Exception {
        MockHttpServletRequestBuilder request = get("/api/v1/feed/stream").accept(MediaType.TEXT_EVENT_STREAM);
        if (after != null) {
            request.param("after", after);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return call(request, provider)
                .andExpect(request().asyncStarted())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM))
                .andReturn();
    }

    /** The events received so far (comments left out), parsed from the text/event-stream body. */
    private static List<Event> events(MvcResult stream) throws Exception {
        List<Event> events = new ArrayList<>();
        for (String block : stream.getResponse().getContentAsString().split("\n\n")) {
            String id = null;
            String name = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("id:")) {
                    id = line.substring(3);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6);
                } else if (line.startsWith("data:")) {
                    data = line.substring(5);
                }
            }
            if (data != null) {
                events.add(new Event(id, name, JsonPath.read(data, "$.jobId")));
                assertThat(id).isEqualTo(JsonPath.read(data, "$.cursor"));
            }
        }
        return events;
    }

    private static List<Event> awaitEvents(MvcResult stream, int count) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> events(stream), events -> events.size() >= count);
    }

    /** The client closes the connection: the container completes the request, the stream stops. */
    private static void disconnect(MvcResult stream) {
        stream.getRequest().getAsyncContext().complete();
    }

    @Test
    void anEventStreamReconnectWithLastEventIdGetsExactlyTheRestInOrder() throws Exception {
        String provider = providerSized(5, 3);
        List<String> before = postAndOpen(5, 5, 3);

        MvcResult first = openStream(provider, null, null);
        List<Event> received = awaitEvents(first, 5);
        disconnect(first);
        assertThat(received).extracting(Event::jobId).containsExactlyElementsOf(before);
        assertThat(received).extracting(Event::name).containsOnly("job");
        List<String> whileAway = postAndOpen(3, 5, 3);

        // What a browser's EventSource sends on reconnect; it takes precedence over the query's cursor.
        MvcResult resumed = openStream(provider, "0", received.getLast().id());
        List<Event> rest = awaitEvents(resumed, 3);
        disconnect(resumed);
        assertThat(rest).extracting(Event::jobId).containsExactlyElementsOf(whileAway);

        // A client that had acknowledged only the first three resumes with the cursor as a parameter.
        MvcResult fromThird = openStream(provider, received.get(2).id(), null);
        List<Event> afterThird = awaitEvents(fromThird, 5);
        disconnect(fromThird);
        List<String> expected = new ArrayList<>(before.subList(3, 5));
        expected.addAll(whileAway);
        assertThat(afterThird).extracting(Event::jobId).containsExactlyElementsOf(expected);
    }

    @Test
    void aBadCursorIsA400NamingIt() throws Exception {
        String provider = TestAddresses.fresh();

        call(get("/api/v1/feed/stream").accept(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_PROBLEM_JSON)
                .header("Last-Event-ID", "job-17"), provider)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("Last-Event-ID"));
        call(get("/api/v1/feed/stream").accept(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_PROBLEM_JSON)
                .param("after", "-1"), provider)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("after"));
        mvc.perform(get("/api/v1/feed/stream").accept(MediaType.TEXT_EVENT_STREAM))
                .andExpect(status().isUnauthorized());
    }
}
