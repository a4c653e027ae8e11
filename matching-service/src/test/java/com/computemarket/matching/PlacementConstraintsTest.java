package com.computemarket.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.events.EventType;
import com.computemarket.testsupport.TestAddresses;
import com.computemarket.testsupport.TestTokens;
import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Region, attribute and GPU model constraints, the same at quote, in the feed and on bids; bad ones are a 400. */
@MatchingIntegrationTest
class PlacementConstraintsTest {

    private final KafkaEvents kafka = new KafkaEvents();

    @Autowired
    private MockMvc mvc;

    @Autowired
    private JdbcClient jdbc;

    /** 3 GPUs: no other test asks for that many, so quote counts see only this test's providers change. */
    private static String gpuJob(String placement) {
        return """
                {"resources": {"cpuMillicores": 2000, "memoryMb": 4096, "gpuCount": 3, "gpuModel": "H100"},
                 "workload": {"kind": "OCI", "reference": "ghcr.io/acme/train:3.0"},
                 "durationSeconds": 3600, "maxPricePerHour": "2000000000000000000", "replicas": 1,
                 "verificationMode": "NONE", "biddingWindowSeconds": 600, "placement": %s}
                """.formatted(placement);
    }

    private static final String CONSTRAINED = """
            {"regions": ["us-east", "us-west"], "attributes": {"tee": "sgx"}}""";

    private ResultActions call(MockHttpServletRequestBuilder request, String caller) throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(caller))
                .contentType(MediaType.APPLICATION_JSON));
    }

    /** A staked provider with one node of 4 GPUs of {@code model}, in {@code region}, with {@code attributes}. */
    private String provider(String region, String model, String attributes) throws Exception {
        String provider = TestAddresses.fresh();
        call(post("/api/v1/providers/me/nodes").content("""
                {"name": "gpu-box", "cpuMillicores": 16000, "memoryMb": 65536, "gpuCount": 4, "gpuModel": "%s",
                 "gpuVramMb": 81920, "region": "%s", "attributes": %s}
                """.formatted(model, region, attributes)), provider)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.gpuVramMb").value(81920));
        jdbc.sql("update provider set bonded_stake = ? where address = ?")
                .params(new BigDecimal("100000000000000000000"), provider).update();
        return provider;
    }

    private Map<String, Integer> quoteReasons(String consumer) throws Exception {
        String quote = call(post("/api/v1/jobs/quote").content(gpuJob(CONSTRAINED)), consumer)
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(quote, "$.reasons");
    }

    private static int change(Map<String, Integer> before, Map<String, Integer> after, String reason) {
        return after.getOrDefault(reason, 0) - before.getOrDefault(reason, 0);
    }

    @Test
    void constraintsDecideTheQuoteTheFeedAndTheBidsAlike() throws Exception {
        String consumer = TestAddresses.fresh();
        Map<String, Integer> before = quoteReasons(consumer);
        String wrongRegion = provider("eu-west", "H100", "{\"tee\": \"sgx\"}");
        String noTee = provider("us-east", "H100", "{\"tee\": \"none\"}");
        String wrongGpu = provider("us-west", "A100", "{\"tee\": \"sgx\"}");
        String suitable = provider("us-west", "h100", "{\"tee\": \"sgx\", \"rack\": \"b7\"}");
        Map<String, Integer> after = quoteReasons(consumer);

        assertThat(change(before, after, "REGION_NOT_ALLOWED")).isEqualTo(1);
        assertThat(change(before, after, "MISSING_ATTRIBUTE")).isEqualTo(1);
        assertThat(change(before, after, "GPU_MODEL_UNAVAILABLE")).isEqualTo(1);

        String jobId = JsonPath.read(call(post("/api/v1/jobs").content(gpuJob(CONSTRAINED)), consumer)
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString(), "$.jobId");
        kafka.publishExample(EventType.FUNDS_HELD, jobId, example -> {
            example.put("jobId", jobId);
            example.put("consumer", consumer);
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> call(get("/api/v1/jobs/{jobId}", jobId), consumer)
                .andExpect(jsonPath("$.status").value("OPEN"))
                .andExpect(jsonPath("$.regions[0]").value("us-east"))
                .andExpect(jsonPath("$.attributes.tee").value("sgx"))
                .andExpect(jsonPath("$.resources.gpuModel").value("H100")));

        for (String excluded : new String[] {wrongRegion, noTee, wrongGpu}) {
            call(get("/api/v1/feed").param("limit", "100"), excluded)
                    .andExpect(jsonPath("$.items[*].jobId", not(hasItem(jobId))));
        }
        call(get("/api/v1/feed").param("limit", "100"), suitable)
                .andExpect(jsonPath("$.items[*].jobId", hasItem(jobId)));

        expectRefused(wrongRegion, jobId, "region-not-allowed", "placement.regions");
        expectRefused(noTee, jobId, "missing-attribute", "placement.attributes");
        expectRefused(wrongGpu, jobId, "gpu-model-unavailable", "resources.gpuModel");
        call(post("/api/v1/jobs/{jobId}/bids", jobId).content("{\"pricePerHour\": \"1\"}"), suitable)
                .andExpect(status().isCreated());
    }

    private void expectRefused(String provider, String jobId, String slug, String field) throws Exception {
        call(post("/api/v1/jobs/{jobId}/bids", jobId).content("{\"pricePerHour\": \"1\"}"), provider)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/" + slug))
                .andExpect(jsonPath("$.field").value(field));
    }

    @Test
    void badConstraintsAreA400NamingTheFieldAndStoreNothing() throws Exception {
        String consumer = TestAddresses.fresh();

        expectBadRequest(consumer, gpuJob("{\"regions\": [\"\"]}"), "placement.regions");
        expectBadRequest(consumer, gpuJob("{\"regions\": [\"" + "x".repeat(65) + "\"]}"), "placement.regions");
        expectBadRequest(consumer, gpuJob("{\"attributes\": {\"bad key\": \"x\"}}"), "placement.attributes");
        expectBadRequest(consumer, gpuJob("{\"attributes\": {\"tee\": \"\"}}"), "placement.attributes");
        expectBadRequest(consumer, gpuJob("{}").replace("\"gpuCount\": 3", "\"gpuCount\": 0"), "resources.gpuModel");
        call(post("/api/v1/jobs/quote").content(gpuJob("{\"regions\": [\"\"]}")), consumer)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("placement.regions"));
        call(post("/api/v1/providers/me/nodes").content("""
                {"name": "n", "cpuMillicores": 1000, "memoryMb": 1024, "gpuCount": 0, "region": "eu-west",
                 "attributes": {"no spaces": "x"}}
                """), consumer)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("attributes"));

        assertThat(jdbc.sql("select count(*) from job where consumer = ?").param(consumer).query(Long.class).single())
                .isZero();
    }

    private void expectBadRequest(String consumer, String body, String field) throws Exception {
        call(post("/api/v1/jobs").content(body), consumer)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value(field));
    }
}
