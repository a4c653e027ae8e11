package com.computemarket.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.computemarket.testsupport.TestAddresses;
import com.jayway.jsonpath.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.ResultActions;

/**
 * A provider's own bid: withdrawn until the close (and placed again), read back with why it lost, sealed from
 * everyone else; and the bound on a job's open bids, which a burst of concurrent bidders cannot overrun.
 */
@MatchingIntegrationTest
class OwnBidTest {

    private static final String PROBLEMS = "https://computemarket.dev/problems/";

    @Autowired
    private MarketActions market;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aWithdrawnBidIsNotAwardedAndCanNoLongerBeWithdrawnOnceTheAuctionClosed() throws Exception {
        String consumer = TestAddresses.fresh();
        String cheapest = market.stakedProvider();
        String dearer = market.stakedProvider();
        String stranger = market.stakedProvider();
        String jobId = market.postJob(consumer);
        market.openWithFundsHeld(jobId, consumer);
        market.bid(cheapest, jobId, "1000000000000000000").andExpect(status().isCreated());
        market.bid(dearer, jobId, "1500000000000000000").andExpect(status().isCreated());

        market.call(delete("/api/v1/jobs/{jobId}/bids/me", jobId), stranger).andExpect(status().isNotFound());
        market.call(delete("/api/v1/jobs/{jobId}/bids/me", jobId), consumer).andExpect(status().isNotFound());
        market.call(delete("/api/v1/jobs/{jobId}/bids/me", jobId), cheapest).andExpect(status().isNoContent());
        market.call(delete("/api/v1/jobs/{jobId}/bids/me", jobId), cheapest).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.field").value("jobId"));
        market.call(get("/api/v1/jobs/{jobId}/bids/me", jobId), cheapest).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("WITHDRAWN"))
                .andExpect(jsonPath("$.pricePerHour").value("1000000000000000000"));

        market.closeAuctionAwardingTo(jobId, consumer, dearer);

        market.call(get("/api/v1/jobs/{jobId}/bids/me", jobId), cheapest)
                .andExpect(jsonPath("$.status").value("WITHDRAWN"))
                .andExpect(jsonPath("$.closeReason").isEmpty());
        market.call(get("/api/v1/jobs/{jobId}/bids/me", jobId), dearer)
                .andExpect(jsonPath("$.status").value("WON"));
        market.call(delete("/api/v1/jobs/{jobId}/bids/me", jobId), dearer).andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "bidding-closed"))
                .andExpect(jsonPath("$.field").value("jobId"));
        market.call(get("/api/v1/jobs/{jobId}/bids/me", jobId), dearer)
                .andExpect(jsonPath("$.status").value("WON"));
    }

    @Test
    void aWithdrawnProviderBidsAgainOnTheSameBidAndCanWin() throws Exception {
        String consumer = TestAddresses.fresh();
        String returning = market.stakedProvider();
        String other = market.stakedProvider();
        String jobId = market.postJob(consumer);
        market.openWithFundsHeld(jobId, consumer);
        String bidId = bidIdOf(market.bid(returning, jobId, "1800000000000000000").andExpect(status().isCreated()));
        market.bid(other, jobId, "1500000000000000000").andExpect(status().isCreated());
        market.call(delete("/api/v1/jobs/{jobId}/bids/me", jobId), returning).andExpect(status().isNoContent());

        market.bid(returning, jobId, "1200000000000000000").andExpect(status().isCreated())
                .andExpect(jsonPath("$.bidId").value(bidId))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.pricePerHour").value("1200000000000000000"));
        assertThat(jdbc.sql("select count(*) from bid where job_id = ?::uuid and provider = ?")
                .params(jobId, returning).query(Long.class).single()).isEqualTo(1);

        market.closeAuctionAwardingTo(jobId, consumer, returning);
        market.call(get("/api/v1/jobs/{jobId}/bids/me", jobId), returning)
                .andExpect(jsonPath("$.status").value("WON"));
    }

    @Test
    void aProviderReadsOnlyItsOwnBidAndLearnsWhyItLost() throws Exception {
        String consumer = TestAddresses.fresh();
        String winner = market.stakedProvider();
        String loser = market.stakedProvider();
        String stranger = market.stakedProvider();
        String jobId = market.postJob(consumer);
        market.openWithFundsHeld(jobId, consumer);
        market.bid(winner, jobId, "1000000000000000000").andExpect(status().isCreated());
        market.bid(loser, jobId, "1900000000000000000").andExpect(status().isCreated());

        market.call(get("/api/v1/jobs/{jobId}/bids/me", jobId), loser).andExpect(status().isOk())
                .andExpect(jsonPath("$.provider").value(loser))
                .andExpect(jsonPath("$.pricePerHour").value("1900000000000000000"))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.closeReason").isEmpty());
        market.call(get("/api/v1/jobs/{jobId}/bids/me", jobId), stranger).andExpect(status().isNotFound());
        market.call(get("/api/v1/jobs/{jobId}/bids/me", jobId), consumer).andExpect(status().isNotFound());

        market.closeAuctionAwardingTo(jobId, consumer, winner);

        market.call(get("/api/v1/jobs/{jobId}/bids/me", jobId), loser).andExpect(status().isOk())
                .andExpect(jsonPath("$.provider").value(loser))
                .andExpect(jsonPath("$.status").value("LOST"))
                .andExpect(jsonPath("$.closeReason").value("OUTBID"));
        market.call(get("/api/v1/jobs/{jobId}/bids/me", jobId), winner).andExpect(status().isOk())
                .andExpect(jsonPath("$.provider").value(winner))
                .andExpect(jsonPath("$.pricePerHour").value("1000000000000000000"))
                .andExpect(jsonPath("$.status").value("WON"));
    }

    @Test
    void aJobTakesNoMoreOpenBidsThanItsBoundButAmendmentsAndBidsAfterAWithdrawal() throws Exception {
        String consumer = TestAddresses.fresh();
        String jobId = market.postJob(consumer);
        market.openWithFundsHeld(jobId, consumer);
        List<String> first = new ArrayList<>();
        for (int i = 0; i < MatchingIntegrationTest.MAX_BIDS_PER_JOB; i++) {
            String provider = market.stakedProvider();
            market.bid(provider, jobId, "1500000000000000000").andExpect(status().isCreated());
            first.add(provider);
        }
        String late = market.stakedProvider();

        market.bid(late, jobId, "1000000000000000000").andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "bid-limit-reached"))
                .andExpect(jsonPath("$.field").value("maxBidsPerJob"));
        market.call(get("/api/v1/jobs/{jobId}/bids/me", jobId), late).andExpect(status().isNotFound());
        market.bid(first.getFirst(), jobId, "1400000000000000000").andExpect(status().isOk());

        market.call(delete("/api/v1/jobs/{jobId}/bids/me", jobId), first.getLast()).andExpect(status().isNoContent());
        market.bid(late, jobId, "1000000000000000000").andExpect(status().isCreated());
        market.bid(first.getLast(), jobId, "1000000000000000000").andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "bid-limit-reached"));
        assertThat(openBidsOn(jobId)).isEqualTo(MatchingIntegrationTest.MAX_BIDS_PER_JOB);
    }

    @Test
    void aBurstOfConcurrentBiddersNeverOverrunsTheBound() throws Exception {
        String consumer = TestAddresses.fresh();
        String jobId = market.postJob(consumer);
        market.openWithFundsHeld(jobId, consumer);
        int bidders = 2 * MatchingIntegrationTest.MAX_BIDS_PER_JOB;
        List<String> providers = new ArrayList<>();
        for (int i = 0; i < bidders; i++) {
            providers.add(market.stakedProvider());
        }

        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(bidders)) {
            for (String provider : providers) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return market.bid(provider, jobId, "1500000000000000000").andReturn().getResponse().getStatus();
                }));
            }
            start.countDown();
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }

        assertThat(statuses).filteredOn(code -> code == 201).hasSize(MatchingIntegrationTest.MAX_BIDS_PER_JOB);
        assertThat(statuses).filteredOn(code -> code == 409).hasSize(bidders - MatchingIntegrationTest.MAX_BIDS_PER_JOB);
        assertThat(openBidsOn(jobId)).isEqualTo(MatchingIntegrationTest.MAX_BIDS_PER_JOB);
    }

    private long openBidsOn(String jobId) {
        return jdbc.sql("select count(*) from bid where job_id = ?::uuid and status = 'ACTIVE'")
                .param(jobId).query(Long.class).single();
    }

    private static String bidIdOf(ResultActions placed) throws Exception {
        return JsonPath.read(placed.andReturn().getResponse().getContentAsString(), "$.bidId");
    }
}
