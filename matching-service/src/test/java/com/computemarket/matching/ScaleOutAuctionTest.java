package com.computemarket.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.events.EventType;
import com.computemarket.testsupport.RealInfrastructure;
import com.computemarket.testsupport.TestAddresses;
import com.computemarket.testsupport.TestTokens;
import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two instances of matching at once, on the same database and broker: the module's shared context and a second
 * application context started beside it (as a second replica would be). Many auctions close at the same moment and
 * both instances' closers race for them; every job still gets exactly its replicas, each from a different provider,
 * and exactly one LeaseAwarded per lease reaches Kafka.
 */
@MatchingIntegrationTest
class ScaleOutAuctionTest {

    private static final int JOBS = 60;
    private static final int PROVIDERS = 4;
    /** Small enough that each provider's node (16,000 millicores, 8,192 MB) fits a replica of all 60 jobs at once. */
    private static final int JOB_MILLICORES = 100;
    private static final int JOB_MEMORY_MB = 64;
    private static final BigInteger TOKEN = BigInteger.TEN.pow(18);

    private final KafkaEvents kafka = new KafkaEvents();

    @Autowired
    private MockMvc mvc;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private TestClock clock;

    private ResultActions call(MockHttpServletRequestBuilder request, String caller) throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(caller))
                .contentType(MediaType.APPLICATION_JSON));
    }

    /**
     * Another replica of the service: same application, same database, same broker, its own port, and the same
     * clock as the shared context (which other tests move forward), as replicas share one wall clock.
     */
    private ConfigurableApplicationContext secondInstance() {
        return new SpringApplicationBuilder(MatchingServiceApplication.class, RealInfrastructure.class)
                .properties("server.port=0", "spring.jmx.enabled=false",
                        "matching.auction.close-batch-size=" + MatchingIntegrationTest.CLOSE_BATCH_SIZE)
                .initializers(context -> ((GenericApplicationContext) context).registerBean("testClock",
                        TestClock.class, () -> clock, definition -> definition.setPrimary(true)))
                .run();
    }

    private static double awardedCount(MeterRegistry registry) {
        return registry.counter("matching.auctions.closed", "outcome", "awarded").count();
    }

    @Test
    void twoInstancesClosingTheSameAuctionsAtOnceAwardEachLeaseOnce() throws Exception {
        List<String> providers = new ArrayList<>();
        for (int i = 0; i < PROVIDERS; i++) {
            String provider = TestAddresses.fresh();
            call(post("/api/v1/providers/me/nodes").content("""
                    {"name": "scale-out", "cpuMillicores": 16000, "memoryMb": 8192, "gpuCount": 0, "region": "eu-west"}
                    """), provider).andExpect(status().isCreated());
            jdbc.sql("update provider set bonded_stake = ? where address = ?")
                    .param(new BigDecimal(TOKEN.multiply(BigInteger.valueOf(100)))).param(provider).update();
            providers.add(provider);
        }
        String consumer = TestAddresses.fresh();
        Map<String, Integer> replicasByJob = new LinkedHashMap<>();
        for (int i = 0; i < JOBS; i++) {
            int replicas = 1 + i % 3;
            String response = call(post("/api/v1/jobs").content("""
                    {"resources": {"cpuMillicores": %d, "memoryMb": %d, "gpuCount": 0},
                     "workload": {"kind": "WASM", "reference": "https://modules.example/scale-out.wasm",
                                  "contentHash": "sha256:3b0c6d8e1f2a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9001122334"},
                     "durationSeconds": 600, "maxPricePerHour": "%s", "replicas": %d,
                     "verificationMode": "NONE", "biddingWindowSeconds": 3600}
                    """.formatted(JOB_MILLICORES, JOB_MEMORY_MB, TOKEN.multiply(BigInteger.TEN), replicas)), consumer)
                    .andExpect(status().isAccepted())
                    .andReturn().getResponse().getContentAsString();
            replicasByJob.put(JsonPath.read(response, "$.jobId"), replicas);
        }
        Map<String, Consumer<ObjectNode>> fundsHeld = new LinkedHashMap<>();
        replicasByJob.keySet().forEach(jobId -> fundsHeld.put(jobId, example -> {
            example.put("jobId", jobId);
            example.put("consumer", consumer);
        }));
        kafka.publishExamples(EventType.FUNDS_HELD, fundsHeld);
        List<UUID> jobIds = replicasByJob.keySet().stream().map(UUID::fromString).toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from job where id in (:ids) and status = 'OPEN'")
                .param("ids", jobIds).query(Long.class).single() == JOBS);
        // Every provider bids on every job, each at its own price, so that each job could be awarded to anyone.
        for (String jobId : replicasByJob.keySet()) {
            for (int p = 0; p < PROVIDERS; p++) {
                call(post("/api/v1/jobs/{jobId}/bids", jobId).content("{\"pricePerHour\": \"%s\"}"
                        .formatted(TOKEN.add(BigInteger.valueOf(p)))), providers.get(p))
                        .andExpect(status().isCreated());
            }
        }

        try (ConfigurableApplicationContext second = secondInstance()) {
            MeterRegistry secondMeters = second.getBean(MeterRegistry.class);
            double firstBefore = awardedCount(meters);
            // All windows end at the same moment, with both instances' closers scanning.
            jdbc.sql("update job set bidding_closes_at = now() where id in (:ids)").param("ids", jobIds).update();

            await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.sql(
                    "select count(*) from job where id in (:ids) and status = 'AWARDED'")
                    .param("ids", jobIds).query(Long.class).single() == JOBS);

            double closedByFirst = awardedCount(meters) - firstBefore;
            double closedBySecond = awardedCount(secondMeters);
            // At least: an auction of another test may close during this one, on either instance.
            assertThat(closedByFirst + closedBySecond).as("auctions closed by the two instances")
                    .isGreaterThanOrEqualTo(JOBS);
            // Which instance closes how many is the scheduler's business: since the closer works off batches without
            // pausing, one instance can close every batch while the other sleeps between scans (seen on a clean CI
            // run), so only the newcomer's part is required; the no-double-award checks below hold either way.
            assertThat(closedBySecond).as("the second instance took part in the race").isPositive();
        }

        record LeaseRow(String leaseId, String jobId, String provider) {
        }
        List<LeaseRow> leases = jdbc.sql("select id, job_id, provider from lease where job_id in (:ids)")
                .param("ids", jobIds)
                .query((row, n) -> new LeaseRow(row.getString("id"), row.getString("job_id"), row.getString("provider")))
                .list();
        Map<String, List<LeaseRow>> leasesByJob = leases.stream().collect(Collectors.groupingBy(LeaseRow::jobId));
        replicasByJob.forEach((jobId, replicas) -> {
            List<LeaseRow> ofJob = leasesByJob.getOrDefault(jobId, List.of());
            assertThat(ofJob).as("leases of job %s", jobId).hasSize(replicas);
            assertThat(ofJob).extracting(LeaseRow::provider).as("providers of job %s", jobId).doesNotHaveDuplicates()
                    // the cheapest bids win: provider p bid 1 token + p base units
                    .containsExactlyInAnyOrderElementsOf(providers.subList(0, replicas));
        });

        // No capacity reserved twice: each node holds exactly what its provider's leases of these jobs need.
        Map<String, Long> leasesByProvider = leases.stream()
                .collect(Collectors.groupingBy(LeaseRow::provider, Collectors.counting()));
        for (String provider : providers) {
            long held = leasesByProvider.getOrDefault(provider, 0L);
            assertThat(jdbc.sql("select reserved_cpu_millicores from provider_node where provider_address = ?")
                    .param(provider).query(Long.class).single())
                    .as("millicores reserved on %s's node", provider).isEqualTo(held * JOB_MILLICORES);
        }

        int expectedLeases = replicasByJob.values().stream().mapToInt(Integer::intValue).sum();
        Set<String> ourJobs = new HashSet<>(replicasByJob.keySet());
        List<JsonNode> awarded = await().atMost(Duration.ofSeconds(60))
                .until(() -> kafka.publishedWhere(EventType.LEASE_AWARDED, ourJobs::contains),
                        events -> events.size() >= expectedLeases);
        assertThat(awarded).extracting(event -> event.get("leaseId").asString())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(leases.stream().map(LeaseRow::leaseId).toList());

        // 120 leases that never heartbeat would fall silent at the next test's clock move and hold up, oldest first,
        // the heartbeat detector's closing of that test's own lease.
        jdbc.sql("update lease set status = 'COMPLETED', close_reason = 'COMPLETED', closed_at = now() "
                + "where status = 'ACTIVE' and job_id in (:ids)").param("ids", jobIds).update();
    }
}
