package com.computemarket.escrow.stake.persistence;

import com.computemarket.escrow.stake.application.LeaseFundingOutcomes;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the funding feature's lease row (same database, same transaction): the stake listener consumes verdicts in
 * its own consumer group, so it asks funding's record, not the event order it happens to see, how the lease ended.
 */
@Repository
class JdbcLeaseFundingOutcomes implements LeaseFundingOutcomes {

    private final JdbcClient jdbc;

    JdbcLeaseFundingOutcomes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean settledWithoutVerdict(UUID leaseId) {
        return jdbc.sql("select count(*) from lease_escrow where lease_id = ? and status in ('LAPSED', 'CANCELLED')")
                .param(leaseId).query(Integer.class).single() > 0;
    }
}
