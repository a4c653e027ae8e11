package com.computemarket.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.testsupport.TestAddresses;
import com.computemarket.testsupport.TestTokens;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A job's workload over HTTP: a WASM module by URL and content hash, an OCI image by reference; the hash a provider
 * checks what it fetched against shows in the job and in the feed; a bad workload is a 400 naming its field.
 */
@MatchingIntegrationTest
class JobWorkloadTest {

    private static final String HASH = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String MODULE_URL = "https://modules.example/render.wasm";

    @Autowired
    private MockMvc mvc;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private MarketActions market;

    private ResultActions call(MockHttpServletRequestBuilder request, String caller) throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(caller))
                .contentType(MediaType.APPLICATION_JSON));
    }

    private static String jobWith(String workload) {
        return """
                {"resources": {"cpuMillicores": 2000, "memoryMb": 4096, "gpuCount": 0},
                 "workload": %s,
                 "durationSeconds": 3600, "maxPricePerHour": "2000000000000000000", "replicas": 1,
                 "verificationMode": "NONE", "biddingWindowSeconds": 600}
                """.formatted(workload);
    }

    private String postJob(String consumer, String workload) throws Exception {
        return JsonPath.read(call(post("/api/v1/jobs").content(jobWith(workload)), consumer)
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString(), "$.jobId");
    }

    @Test
    void aModuleJobShowsItsUrlAndHashToItsConsumerAndInTheFeed() throws Exception {
        String consumer = TestAddresses.fresh();
        String provider = market.stakedProvider();
        String jobId = postJob(consumer, """
                {"kind": "WASM", "reference": "%s", "contentHash": "%s"}""".formatted(MODULE_URL, HASH));

        call(get("/api/v1/jobs/{jobId}", jobId), consumer)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.workload.kind").value("WASM"))
                .andExpect(jsonPath("$.workload.reference").value(MODULE_URL))
                .andExpect(jsonPath("$.workload.contentHash").value(HASH))
                .andExpect(jsonPath("$.workload.command").doesNotExist());

        market.openWithFundsHeld(jobId, consumer);
        long position = jdbc.sql("select feed_sequence from job where id = ?::uuid").param(jobId)
                .query(Long.class).single();
        call(get("/api/v1/feed").param("after", Long.toString(position - 1)).param("limit", "1"), provider)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].jobId", contains(jobId)))
                .andExpect(jsonPath("$.items[0].workload.kind").value("WASM"))
                .andExpect(jsonPath("$.items[0].workload.reference").value(MODULE_URL))
                .andExpect(jsonPath("$.items[0].workload.contentHash").value(HASH));
    }

    @Test
    void anImagePinnedByDigestShowsTheDigestAndOneByTagShowsNone() throws Exception {
        String consumer = TestAddresses.fresh();
        String pinned = postJob(consumer, """
                {"kind": "OCI", "reference": "ghcr.io/acme/render@%s", "command": "render --frames 1-10"}"""
                .formatted(HASH));
        String tagged = postJob(consumer, """
                {"kind": "OCI", "reference": "ghcr.io/acme/render:1.2"}""");

        call(get("/api/v1/jobs/{jobId}", pinned), consumer)
                .andExpect(jsonPath("$.workload.reference").value("ghcr.io/acme/render@" + HASH))
                .andExpect(jsonPath("$.workload.contentHash").value(HASH))
                .andExpect(jsonPath("$.workload.command").value("render --frames 1-10"));
        call(get("/api/v1/jobs/{jobId}", tagged), consumer)
                .andExpect(jsonPath("$.workload.contentHash").doesNotExist());
    }

    @Test
    void aBadWorkloadIsA400NamingItsFieldAndStoresNothing() throws Exception {
        String consumer = TestAddresses.fresh();
        String[][] badWorkloads = {
                {"{\"kind\": \"WASM\", \"reference\": \"" + MODULE_URL + "\"}", "workload.contentHash"},
                {"{\"kind\": \"WASM\", \"reference\": \"" + MODULE_URL + "\", \"contentHash\": \""
                        + HASH.toUpperCase().replace("SHA256", "sha256") + "\"}", "workload.contentHash"},
                {"{\"kind\": \"WASM\", \"reference\": \"http://modules.example/render.wasm\", \"contentHash\": \""
                        + HASH + "\"}", "workload.reference"},
                {"{\"kind\": \"WASM\", \"reference\": \"" + HASH + "\", \"contentHash\": \"" + HASH + "\"}",
                        "workload.reference"},
                {"{\"kind\": \"WASM\", \"reference\": \"" + MODULE_URL + "\", \"contentHash\": \"" + HASH
                        + "\", \"command\": \"run\"}", "workload.command"},
                {"{\"kind\": \"OCI\", \"reference\": \"not an image!\"}", "workload.reference"},
                {"{\"kind\": \"OCI\", \"reference\": \"ghcr.io/acme/render\"}", "workload.reference"},
                {"{\"kind\": \"OCI\", \"reference\": \"ghcr.io/acme/render:1.2\", \"contentHash\": \"" + HASH
                        + "\"}", "workload.contentHash"},
                {"{\"kind\": \"OCI\"}", "workload.reference"},
        };

        for (String[] bad : badWorkloads) {
            for (String path : new String[] {"/api/v1/jobs", "/api/v1/jobs/quote"}) {
                call(post(path).content(jobWith(bad[0])), consumer)
                        .andExpect(status().isBadRequest())
                        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                        .andExpect(jsonPath("$.field").value(bad[1]));
            }
        }

        assertThat(jdbc.sql("select count(*) from job where consumer = ?").param(consumer).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from outbox_event where payload like ?").param("%" + consumer + "%")
                .query(Long.class).single()).isZero();
    }
}
