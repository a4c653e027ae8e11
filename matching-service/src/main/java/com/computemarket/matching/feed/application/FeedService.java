package com.computemarket.matching.feed.application;

import com.computemarket.events.VerificationMode;
import com.computemarket.matching.jobs.application.JobView;
import com.computemarket.matching.jobs.model.Workload;
import com.computemarket.matching.jobs.model.WorkloadKind;
import com.computemarket.matching.providers.model.ProviderProfile;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads the feed. A long poll that finds nothing waits on the {@link FeedSignal} and queries again only when a newer
 * job has joined the feed; request threads are virtual, so a waiting request holds no platform thread and no
 * connection.
 */
@Service
public class FeedService {

    private final JdbcClient jdbc;
    private final FeedSignal signal;
    private final Clock clock;

    FeedService(JdbcClient jdbc, FeedSignal signal, Clock clock) {
        this.jdbc = jdbc;
        this.signal = signal;
        this.clock = clock;
    }

    public FeedPage read(String provider, long after, Duration wait, int limit) throws InterruptedException {
        Instant deadline = clock.instant().plus(wait);
        // Taken before the query: anything committed after it has a newer cursor and wakes the wait below.
        long seen = Math.max(signal.newestCursor(), after);
        List<FeedItem> items = openJobsFitting(provider, after, limit);
        while (items.isEmpty()) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                break;
            }
            long newest = signal.awaitNewerThan(seen, left);
            if (newest <= seen) {
                break;
            }
            seen = newest;
            items = openJobsFitting(provider, after, limit);
        }
        String nextCursor = items.isEmpty() ? Long.toString(after) : items.getLast().cursor();
        return new FeedPage(items, nextCursor);
    }

    /**
     * Jobs a provider could run: open, window not over, not its own, not one it failed or already runs a lease of (a
     * re-listing excludes those), with at least one of its nodes in an allowed
     * region, offering every required attribute, with the GPU model and memory asked for and big enough (free
     * capacity is left out on purpose: it changes by the minute, and a cursor that skipped a job while the provider
     * was busy would never show it again), and not asking more reputation than it has (the default score if matching
     * has not heard of it).
     */
    private List<FeedItem> openJobsFitting(String provider, long after, int limit) {
        return jdbc.sql("""
                        select j.feed_sequence, j.id, j.cpu_millicores, j.memory_mb, j.gpu_count, j.storage_gb,
                               j.max_price_per_hour, j.duration_seconds, j.replicas, j.verification_mode,
                               j.bidding_closes_at, j.workload_kind, j.workload_reference, j.workload_content_hash,
                               j.workload_command
                        from job j
                        where j.status = 'OPEN'
                          and j.feed_sequence > :after
                          and j.bidding_closes_at > :now
                          and j.consumer <> :provider
                          and not exists (select 1 from lease l where l.job_id = j.id and l.provider = :provider)
                          and j.min_reputation <= coalesce(
                                  (select p.reputation_score from provider p where p.address = :provider), :defaultScore)
                          and exists (select 1 from provider_node n
                                      where n.provider_address = :provider
                                        and (not exists (select 1 from job_allowed_region r where r.job_id = j.id)
                                             or exists (select 1 from job_allowed_region r
                                                        where r.job_id = j.id and r.region = n.region))
                                        and not exists (select 1 from job_required_attribute a
                                                        where a.job_id = j.id
                                                          and not exists (select 1 from provider_node_attribute o
                                                                          where o.node_id = n.id and o.name = a.name
                                                                            and o.value = a.value))
                                        and (j.gpu_model is null or lower(n.gpu_model) = lower(j.gpu_model))
                                        and n.gpu_vram_mb >= j.min_gpu_vram_mb
                                        and n.cpu_millicores >= j.cpu_millicores
                                        and n.memory_mb >= j.memory_mb
                                        and n.gpu_count >= j.gpu_count
                                        and n.storage_gb >= j.storage_gb)
                        order by j.feed_sequence
                        limit :limit
                        """)
                .param("after", after)
                .param("now", Timestamp.from(clock.instant()))
                .param("provider", provider)
                .param("defaultScore", ProviderProfile.DEFAULT_REPUTATION_SCORE)
                .param("limit", limit)
                .query((row, rowNumber) -> new FeedItem(
                        Long.toString(row.getLong("feed_sequence")),
                        row.getObject("id", UUID.class),
                        new FeedItem.Resources(row.getInt("cpu_millicores"), row.getLong("memory_mb"),
                                row.getInt("gpu_count"), row.getLong("storage_gb")),
                        row.getBigDecimal("max_price_per_hour").toBigIntegerExact().toString(),
                        row.getLong("duration_seconds"),
                        row.getInt("replicas"),
                        VerificationMode.valueOf(row.getString("verification_mode")),
                        row.getTimestamp("bidding_closes_at").toInstant(),
                        JobView.Workload.of(new Workload(WorkloadKind.valueOf(row.getString("workload_kind")),
                                row.getString("workload_reference"), row.getString("workload_content_hash"),
                                row.getString("workload_command")))))
                .list();
    }
}
