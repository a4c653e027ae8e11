package com.computemarket.matching.auction.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.computemarket.matching.MatchingIntegrationTest;
import com.computemarket.matching.auction.model.Bid;
import com.computemarket.testsupport.TestAddresses;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The closer's bid writes on the real database: bids read for closing are not flushed by Hibernate, and
 * {@link BidOutcomes} writes every outcome in one go or, if one bid changed since it was read, fails the transaction.
 */
@MatchingIntegrationTest
class BidOutcomesTest {

    @Autowired
    private BidRepository bids;

    @Autowired
    private BidOutcomes outcomes;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private TransactionTemplate transaction;

    @Autowired
    private Clock clock;

    @Test
    void recordsEveryOutcomeWithItsReasonAndANewVersion() {
        UUID jobId = jobWithBids(2);

        transaction.executeWithoutResult(status -> {
            List<Bid> open = bids.findOpenForClosing(List.of(jobId));
            open.forEach(Bid::closeOnJobCancelled);
            outcomes.record(open);
        });

        assertThat(rows(jobId)).hasSize(2).allSatisfy((id, row) -> assertThat(row).isEqualTo("LOST/JOB_CANCELLED/1"));
    }

    @Test
    void bidsReadForClosingAreNotWrittenByHibernate() {
        UUID jobId = jobWithBids(2);

        transaction.executeWithoutResult(status ->
                bids.findOpenForClosing(List.of(jobId)).forEach(Bid::closeOnJobCancelled));

        assertThat(rows(jobId)).hasSize(2).allSatisfy((id, row) -> assertThat(row).isEqualTo("ACTIVE/-/0"));
    }

    @Test
    void writesNothingIfABidChangedSinceItWasRead() {
        UUID jobId = jobWithBids(2);

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            List<Bid> open = bids.findOpenForClosing(List.of(jobId));
            open.forEach(Bid::closeOnJobCancelled);
            // Amended after the read, as a bid that did not lock the job would be.
            jdbc.sql("update bid set price_per_hour = 2, version = version + 1 where id = ?")
                    .param(open.getFirst().id()).update();
            outcomes.record(open);
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed 1 of 2 bids");

        assertThat(rows(jobId)).hasSize(2).allSatisfy((id, row) -> assertThat(row).isEqualTo("ACTIVE/-/0"));
    }

    @Test
    void refusesABidStillOpen() {
        UUID jobId = jobWithBids(1);

        assertThatThrownBy(() -> transaction.executeWithoutResult(status ->
                outcomes.record(bids.findOpenForClosing(List.of(jobId)))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is still open");
    }

    /** A job the closer leaves alone (still waiting for funds) with {@code count} open bids. */
    private UUID jobWithBids(int count) {
        UUID jobId = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into job (id, consumer, request_fingerprint, cpu_millicores, memory_mb, gpu_count,
                            workload_kind, workload_reference, duration_seconds, max_price_per_hour, replicas,
                            verification_mode, bidding_window_seconds, status, posted_at)
                        values (?, ?, 'seeded', 1000, 1024, 0, 'OCI', 'ghcr.io/acme/render:1.2', 3600,
                            2000000000000000000, 1, 'NONE', 30, 'PENDING_FUNDS', ?)
                        """)
                .params(jobId, TestAddresses.fresh(), now)
                .update();
        for (int i = 0; i < count; i++) {
            jdbc.sql("""
                            insert into bid (id, job_id, provider, price_per_hour, placed_at, status)
                            values (?, ?, ?, 1000000000000000000, ?, 'ACTIVE')
                            """)
                    .params(UUID.randomUUID(), jobId, TestAddresses.fresh(), now)
                    .update();
        }
        return jobId;
    }

    /** status/close reason/version of each of the job's bids, by bid id. */
    private Map<UUID, String> rows(UUID jobId) {
        return jdbc.sql("select id, status, coalesce(close_reason, '-') as reason, version from bid where job_id = ?")
                .param(jobId)
                .query((row, n) -> Map.entry(row.getObject("id", UUID.class),
                        row.getString("status") + "/" + row.getString("reason") + "/" + row.getLong("version")))
                .list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
