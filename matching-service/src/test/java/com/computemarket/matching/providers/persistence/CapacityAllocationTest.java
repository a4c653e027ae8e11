package com.computemarket.matching.providers.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.matching.MatchingIntegrationTest;
import com.computemarket.matching.auction.application.AuctionCloser;
import com.computemarket.matching.resources.ResourceSpec;
import com.computemarket.testsupport.TestAddresses;
import com.computemarket.testsupport.TestTokens;
import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Node capacity in the real database under concurrency: awards racing for one node, reservations racing without the
 * award's lock, and a write around both that the check constraint still refuses.
 */
@MatchingIntegrationTest
class CapacityAllocationTest {

    private static final BigDecimal HUNDRED_TOKENS = new BigDecimal("100000000000000000000");

    @Autowired
    private MockMvc mvc;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private AuctionCloser closer;

    @Autowired
    private NodeCapacity capacity;

    @Autowired
    private TransactionTemplate transaction;

    @Autowired
    private Clock clock;

    @Autowired
    private MeterRegistry meters;

    private final List<UUID> jobsOfThisTest = new ArrayList<>();

    /**
     * Hundreds of leases that never heartbeat would all fall silent at the next test's clock move, and the detector
     * closes the oldest first, 100 a second: a later test's own lease waited behind them longer than it awaits.
     */
    @AfterEach
    void leaveNoLeaseForTheHeartbeatDetector() {
        if (!jobsOfThisTest.isEmpty()) {
            jdbc.sql("""
                    update lease set status = 'COMPLETED', close_reason = 'COMPLETED', closed_at = now()
                    where status = 'ACTIVE' and job_id in (:jobs)""").param("jobs", jobsOfThisTest).update();
        }
    }

    /** A staked provider with one node of 8000 millicores and 16384 MiB; returns the node id. */
    private UUID providerWithOneNode(String provider) throws Exception {
        String node = mvc.perform(post("/api/v1/providers/me/nodes")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(provider))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "only", "cpuMillicores": 8000, "memoryMb": 16384, "gpuCount": 0,
                                 "region": "eu-west"}
                                """))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.free.cpuMillicores").value(8000))
                .andReturn().getResponse().getContentAsString();
        jdbc.sql("update provider set bonded_stake = ? where address = ?").params(HUNDRED_TOKENS, provider).update();
        return UUID.fromString(JsonPath.read(node, "$.nodeId"));
    }

    /** An OPEN job of 2000 millicores and 4096 MiB whose window has just closed, with one bid of {@code provider}. */
    private UUID dueJobWithABidFrom(String provider) {
        return dueJobWithABidFrom(provider, 2000, 4096);
    }

    /** Job and bid in one transaction: the running closer must not find the job due without its bid. */
    private UUID dueJobWithABidFrom(String provider, int cpuMillicores, int memoryMb) {
        return jobWithABidFrom(provider, cpuMillicores, memoryMb, clock.instant().minusSeconds(1));
    }

    private UUID jobWithABidFrom(String provider, int cpuMillicores, int memoryMb, Instant closes) {
        return transaction.execute(status -> {
            UUID jobId = openJob(cpuMillicores, memoryMb, closes);
            jdbc.sql("""
                            insert into bid (id, job_id, provider, price_per_hour, placed_at, status)
                            values (?, ?, ?, 1000000000000000000, ?, 'ACTIVE')
                            """)
                    .params(UUID.randomUUID(), jobId, provider, Timestamp.from(clock.instant().minusSeconds(10)))
                    .update();
            return jobId;
        });
    }

    private UUID openJob(int cpuMillicores, Instant closes) {
        return openJob(cpuMillicores, 4096, closes);
    }

    private UUID openJob(int cpuMillicores, int memoryMb, Instant closes) {
        UUID jobId = UUID.randomUUID();
        jobsOfThisTest.add(jobId);
        jdbc.sql("""
                        insert into job (id, consumer, request_fingerprint, cpu_millicores, memory_mb, gpu_count,
                            workload_kind, workload_reference, duration_seconds, max_price_per_hour, replicas,
                            verification_mode, bidding_window_seconds, status, posted_at, bidding_closes_at)
                        values (?, ?, 'seeded', ?, ?, 0, 'OCI', 'ghcr.io/acme/render:1.2', 3600,
                            2000000000000000000, 1, 'NONE', 30, 'OPEN', ?, ?)
                        """)
                .params(jobId, TestAddresses.fresh(), cpuMillicores, memoryMb, Timestamp.from(closes.minusSeconds(30)),
                        Timestamp.from(closes))
                .update();
        return jobId;
    }

    @Test
    void aBidTellsNoNodeThisBigApartFromNoRoomNow() throws Exception {
        String provider = TestAddresses.fresh();
        UUID nodeId = providerWithOneNode(provider);
        UUID fits = openJob(2000, clock.instant().plusSeconds(600));
        UUID tooBig = openJob(8001, clock.instant().plusSeconds(600));
        transaction.executeWithoutResult(status -> capacity.reserve(nodeId, new ResourceSpec(7000, 1024, 0)));

        bid(provider, fits)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/no-free-capacity"))
                .andExpect(jsonPath("$.field").value("resources"));
        bid(provider, tooBig)
                .andExpect(jsonPath("$.type").value("https://computemarket.dev/problems/no-fitting-node"));

        transaction.executeWithoutResult(status -> capacity.release(nodeId, new ResourceSpec(7000, 1024, 0)));
        bid(provider, fits).andExpect(status().isCreated());
    }

    private ResultActions bid(String provider, UUID jobId) throws Exception {
        return mvc.perform(post("/api/v1/jobs/{jobId}/bids", jobId)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(provider))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"pricePerHour\": \"1000000000000000000\"}"));
    }

    private long reservedCpu(UUID nodeId) {
        return jdbc.sql("select reserved_cpu_millicores from provider_node where id = ?").param(nodeId)
                .query(Long.class).single();
    }

    @Test
    void awardsClosingAtOnceNeverPlaceMoreOnANodeThanItHas() throws Exception {
        String provider = TestAddresses.fresh();
        UUID nodeId = providerWithOneNode(provider);
        List<UUID> jobs = new ArrayList<>();
        for (int index = 0; index < 10; index++) {
            jobs.add(dueJobWithABidFrom(provider));
        }

        // Four closers at once, as four instances would; the service's own scheduled closer joins in too.
        try (ExecutorService closers = Executors.newFixedThreadPool(4)) {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int index = 0; index < 4; index++) {
                runs.add(closers.submit(closer::closeDueAuctions));
            }
            for (Future<Integer> run : runs) {
                run.get();
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                        "select count(*) from job where id in (:jobs) and status = 'OPEN'")
                .param("jobs", jobs).query(Long.class).single() == 0);

        assertThat(jdbc.sql("select count(*) from lease where node_id = ?").param(nodeId).query(Long.class).single())
                .isEqualTo(4);
        assertThat(jdbc.sql("select status_reason from job where id in (:jobs) and status = 'EXPIRED'")
                .param("jobs", jobs).query(String.class).list())
                .hasSize(6).containsOnly("NO_FREE_CAPACITY=1");
        assertThat(reservedCpu(nodeId)).isEqualTo(8000);
    }

    /**
     * Many more due auctions than one transaction closes ({@code close-batch-size}), all after one node: each batch
     * carries what its earlier awards reserved to its later auctions, the next batch reads what the previous one
     * committed, and the node ends up exactly full.
     */
    @Test
    void aBacklogOfSeveralBatchesFillsANodeExactlyAndNoFurther() throws Exception {
        String provider = TestAddresses.fresh();
        UUID nodeId = providerWithOneNode(provider);
        List<UUID> jobs = new ArrayList<>();
        // 30 millicores and 60 MiB each: CPU runs out first, 266 fit in the node's 8000 millicores, 34 must expire.
        for (int index = 0; index < 300; index++) {
            jobs.add(dueJobWithABidFrom(provider, 30, 60));
        }

        try (ExecutorService closers = Executors.newFixedThreadPool(2)) {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int index = 0; index < 2; index++) {
                runs.add(closers.submit(closer::closeDueAuctions));
            }
            for (Future<Integer> run : runs) {
                run.get();
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                        "select count(*) from job where id in (:jobs) and status = 'OPEN'")
                .param("jobs", jobs).query(Long.class).single() == 0);

        assertThat(jdbc.sql("select count(*) from lease where node_id = ?").param(nodeId).query(Long.class).single())
                .isEqualTo(266);
        assertThat(jdbc.sql("select count(*) from job where id in (:jobs) and status = 'AWARDED'")
                .param("jobs", jobs).query(Long.class).single()).isEqualTo(266);
        assertThat(jdbc.sql("select status_reason from job where id in (:jobs) and status = 'EXPIRED'")
                .param("jobs", jobs).query(String.class).list())
                .hasSize(34).containsOnly("NO_FREE_CAPACITY=1");
        assertThat(jdbc.sql("""
                        select count(*) from bid where job_id in (:jobs)
                        and (status, coalesce(close_reason, ''))
                            not in (('WON', ''), ('LOST', 'INELIGIBLE:NO_FREE_CAPACITY'))
                        """)
                .param("jobs", jobs).query(Long.class).single()).as("bids closed with their reasons").isZero();
        assertThat(reservedCpu(nodeId)).isEqualTo(266 * 30);
    }

    /**
     * An auction whose award the database refuses (here a trigger, standing in for any fault of one job) fails the
     * batch it was claimed in; the closer then closes that batch one job per transaction, so the other jobs are
     * awarded, the faulty one stays OPEN and counted, and it is awarded once the fault is gone.
     */
    @Test
    void aJobThatCannotBeClosedHoldsBackOnlyItself() throws Exception {
        String provider = TestAddresses.fresh();
        providerWithOneNode(provider);
        // Not due yet: the scheduled closer (a scan every 200 ms) would award the poisoned job before its trigger
        // exists, and the healthy ones apart from it.
        Instant notYetDue = clock.instant().plusSeconds(600);
        UUID poisoned = jobWithABidFrom(provider, 2000, 4096, notYetDue);
        List<UUID> healthy = new ArrayList<>();
        for (int index = 0; index < 3; index++) {
            healthy.add(jobWithABidFrom(provider, 2000, 4096, notYetDue));
        }
        double failuresBefore = closeFailures();
        jdbc.sql("""
                create function refuse_lease_of_poisoned_job() returns trigger language plpgsql as $$
                begin raise exception 'lease refused for job %', new.job_id; end $$
                """).update();
        jdbc.sql("create trigger refuse_poisoned_lease before insert on lease for each row when (new.job_id = '"
                + poisoned + "') execute function refuse_lease_of_poisoned_job()").update();
        try {
            List<UUID> all = new ArrayList<>(healthy);
            all.add(poisoned);
            Instant closed = clock.instant().minusSeconds(1);
            jdbc.sql("update job set posted_at = :posted, bidding_closes_at = :closed where id in (:jobs)")
                    .param("posted", Timestamp.from(closed.minusSeconds(30))).param("closed", Timestamp.from(closed))
                    .param("jobs", all).update();
            closer.closeDueAuctions();

            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                            "select count(*) from job where id in (:jobs) and status = 'AWARDED'")
                    .param("jobs", healthy).query(Long.class).single() == healthy.size());
            assertThat(jdbc.sql("select status from job where id = ?").param(poisoned).query(String.class).single())
                    .isEqualTo("OPEN");
            assertThat(closeFailures()).isGreaterThan(failuresBefore);
        } finally {
            jdbc.sql("drop trigger refuse_poisoned_lease on lease").update();
            jdbc.sql("drop function refuse_lease_of_poisoned_job()").update();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select status from job where id = ?")
                .param(poisoned).query(String.class).single().equals("AWARDED"));
    }

    private double closeFailures() {
        return meters.counter("matching.auctions.close.failures").count();
    }

    @Test
    void reservationsRacingWithoutTheAwardsLockStillNeverOvershoot() throws Exception {
        UUID nodeId = providerWithOneNode(TestAddresses.fresh());
        ResourceSpec replica = new ResourceSpec(3000, 1024, 0);
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int index = 0; index < 8; index++) {
            attempts.add(() -> {
                try {
                    transaction.executeWithoutResult(status -> capacity.reserve(nodeId, replica));
                    return true;
                } catch (NodeCapacityExhausted exhausted) {
                    return false;
                }
            });
        }

        int reserved = 0;
        try (ExecutorService racers = Executors.newFixedThreadPool(8)) {
            for (Future<Boolean> attempt : racers.invokeAll(attempts)) {
                reserved += attempt.get() ? 1 : 0;
            }
        }

        assertThat(reserved).isEqualTo(2);
        assertThat(reservedCpu(nodeId)).isEqualTo(6000);
        assertThatThrownBy(() -> jdbc.sql("update provider_node set reserved_cpu_millicores = 8001 where id = ?")
                .param(nodeId).update()).isInstanceOf(DataIntegrityViolationException.class);
        transaction.executeWithoutResult(status -> capacity.release(nodeId, replica));
        assertThat(reservedCpu(nodeId)).isEqualTo(3000);
    }
}
