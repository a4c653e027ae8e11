package com.computemarket.matching.jobs.persistence;

import com.computemarket.matching.jobs.model.Job;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Claims the jobs whose auction is due, for the closer. The claim takes the ids with plain JDBC and the jobs are then
 * loaded by id: a native query mapped to the entity made Hibernate rebuild its parameter metadata and result mapping
 * on every call, the closer's largest CPU cost per batch, while a load by ids goes through the entity's cached loader.
 */
@Component
public class DueAuctions {

    private final JdbcClient jdbc;
    private final EntityManager entityManager;

    DueAuctions(JdbcClient jdbc, EntityManager entityManager) {
        this.jdbc = jdbc;
        this.entityManager = entityManager;
    }

    /**
     * Claims up to {@code limit} OPEN jobs whose window has ended, earliest close first, skipping jobs another
     * transaction holds: two instances of the closer never award the same job, and neither waits for the other. The
     * jobs stay locked until the caller's transaction ends; returned in claim order.
     */
    public List<Job> claim(Instant now, int limit) {
        List<UUID> ids = jdbc.sql("""
                        select id from job
                        where status = 'OPEN' and bidding_closes_at <= ?
                        order by bidding_closes_at
                        limit ?
                        for update skip locked
                        """)
                .params(Timestamp.from(now), limit)
                .query(UUID.class)
                .list();
        if (ids.isEmpty()) {
            return List.of();
        }
        // Locked above, so what is loaded now is current and stays so until commit; returned in the order of ids.
        return entityManager.unwrap(Session.class).findMultiple(Job.class, ids);
    }
}
