package com.computemarket.verification.results.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The leases escrow has funded, as learnt from its LeaseFunded events. */
@Repository
public class FundedLeases {

    private final JdbcClient jdbc;

    FundedLeases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(UUID leaseId, UUID jobId, Instant fundedAt) {
        jdbc.sql("insert into funded_lease (lease_id, job_id, funded_at) values (?, ?, ?) on conflict do nothing")
                .params(leaseId, jobId, Timestamp.from(fundedAt))
                .update();
    }

    public boolean isFunded(UUID leaseId) {
        return jdbc.sql("select exists (select 1 from funded_lease where lease_id = ?)")
                .param(leaseId)
                .query(Boolean.class)
                .single();
    }
}
