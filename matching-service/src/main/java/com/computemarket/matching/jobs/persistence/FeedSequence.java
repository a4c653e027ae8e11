package com.computemarket.matching.jobs.persistence;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Hands out feed positions. A plain sequence can commit out of order (position 6 visible before 5), and a provider
 * whose cursor already passed 5 would never see that job. Taking the position under a transaction-scoped advisory
 * lock serialises job openings until commit, so positions become visible in increasing order.
 */
@Component
public class FeedSequence {

    /** Advisory lock key of job openings; any constant unique within this database. */
    private static final long OPENING_LOCK = 0x6a6f622d6f70656eL;

    private final JdbcClient jdbc;

    FeedSequence(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Must run inside the transaction that opens the job. */
    public long next() {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(OPENING_LOCK).query().singleRow();
        return jdbc.sql("select nextval('job_feed_sequence')").query(Long.class).single();
    }
}
