package com.computemarket.escrow.funding.persistence;

import com.computemarket.escrow.funding.application.FundingStore;
import com.computemarket.escrow.funding.model.HoldStatus;
import com.computemarket.escrow.funding.model.JobHold;
import com.computemarket.escrow.funding.model.LeaseDowntime;
import com.computemarket.escrow.funding.model.LeaseEscrow;
import com.computemarket.escrow.funding.model.LeaseStatus;
import com.computemarket.escrow.funding.model.Settlement;
import com.computemarket.events.SettlementOutcome;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Job holds, lease escrows and settlements. Loads "for update" so that one job's events apply one at a time. */
@Repository
class JdbcFundingStore implements FundingStore {

    private final JdbcClient jdbc;

    JdbcFundingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<JobHold> findJobHold(UUID jobId, int listing) {
        return jdbc.sql("select * from job_hold where job_id = ? and listing = ?").params(jobId, listing)
                .query(JdbcFundingStore::jobHold).optional();
    }

    @Override
    public List<JobHold> findJobHolds(UUID jobId) {
        return jdbc.sql("select * from job_hold where job_id = ? order by listing").param(jobId)
                .query(JdbcFundingStore::jobHold).list();
    }

    @Override
    public List<JobHold> lockJobHolds(UUID jobId) {
        return jdbc.sql("select * from job_hold where job_id = ? order by listing for update").param(jobId)
                .query(JdbcFundingStore::jobHold).list();
    }

    @Override
    public void insert(JobHold hold) {
        jdbc.sql("""
                        insert into job_hold (job_id, listing, consumer, amount, status, leases_in_award,
                                              leases_funded, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(hold.jobId(), hold.listing(), hold.consumer(), new BigDecimal(hold.amount()),
                        hold.status().name(), hold.leasesInAward(), hold.leasesFunded(),
                        Timestamp.from(hold.createdAt()))
                .update();
    }

    @Override
    public void update(JobHold hold) {
        jdbc.sql("""
                        update job_hold set status = ?, leases_in_award = ?, leases_funded = ?
                        where job_id = ? and listing = ?""")
                .params(hold.status().name(), hold.leasesInAward(), hold.leasesFunded(), hold.jobId(),
                        hold.listing())
                .update();
    }

    @Override
    public Optional<LeaseEscrow> lockLease(UUID leaseId) {
        return jdbc.sql("select * from lease_escrow where lease_id = ? for update").param(leaseId)
                .query(JdbcFundingStore::lease).optional();
    }

    @Override
    public Optional<LeaseEscrow> lockLeaseUnlessBusy(UUID leaseId) {
        return jdbc.sql("select * from lease_escrow where lease_id = ? for update skip locked").param(leaseId)
                .query(JdbcFundingStore::lease).optional();
    }

    @Override
    public List<UUID> leasesToMeter(Instant now, UUID afterLeaseId, int limit) {
        return jdbc.sql("""
                        select lease_id from lease_escrow
                        where status in ('FUNDED', 'PAUSED')
                          and (status = 'PAUSED' or metered_until < least(?, ends_at))
                          and not exists (select 1 from job_cancellation c where c.job_id = lease_escrow.job_id)
                          and (?::uuid is null or lease_id > ?::uuid)
                        order by lease_id limit ?""")
                .params(Timestamp.from(now), afterLeaseId, afterLeaseId, limit)
                .query(UUID.class)
                .list();
    }

    @Override
    public List<LeaseEscrow> leasesOfJob(UUID jobId) {
        return jdbc.sql("select * from lease_escrow where job_id = ? order by funded_at, lease_id").param(jobId)
                .query(JdbcFundingStore::lease).list();
    }

    @Override
    public void insert(LeaseEscrow lease) {
        jdbc.sql("""
                        insert into lease_escrow (lease_id, job_id, listing, consumer, provider, amount, status,
                                                  funded_at, price_per_hour, starts_at, ends_at, metered_until,
                                                  billable_seconds, downtime_seconds, topped_up, paused_at,
                                                  grace_ends_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(lease.leaseId(), lease.jobId(), lease.listing(), lease.consumer(), lease.provider(),
                        new BigDecimal(lease.amount()), lease.status().name(), Timestamp.from(lease.fundedAt()),
                        new BigDecimal(lease.pricePerHour()), Timestamp.from(lease.startsAt()),
                        Timestamp.from(lease.endsAt()), Timestamp.from(lease.meteredUntil()), lease.billableSeconds(),
                        lease.downtimeSeconds(), new BigDecimal(lease.toppedUp()), timestamp(lease.pausedAt()),
                        timestamp(lease.graceEndsAt()))
                .update();
    }

    @Override
    public void update(LeaseEscrow lease) {
        jdbc.sql("""
                        update lease_escrow set status = ?, metered_until = ?, billable_seconds = ?,
                                                downtime_seconds = ?, topped_up = ?, paused_at = ?, grace_ends_at = ?
                        where lease_id = ?""")
                .params(lease.status().name(), Timestamp.from(lease.meteredUntil()), lease.billableSeconds(),
                        lease.downtimeSeconds(), new BigDecimal(lease.toppedUp()), timestamp(lease.pausedAt()),
                        timestamp(lease.graceEndsAt()), lease.leaseId())
                .update();
    }

    @Override
    public boolean downtimeRecorded(UUID leaseId, Instant startedAt) {
        return jdbc.sql("select count(*) from lease_downtime where lease_id = ? and started_at = ?")
                .params(leaseId, Timestamp.from(startedAt)).query(Integer.class).single() > 0;
    }

    @Override
    public void recordJobCancelled(UUID jobId, Instant cancelledAt, Instant recordedAt) {
        jdbc.sql("""
                        insert into job_cancellation (job_id, cancelled_at, recorded_at) values (?, ?, ?)
                        on conflict (job_id) do nothing""")
                .params(jobId, Timestamp.from(cancelledAt), Timestamp.from(recordedAt))
                .update();
    }

    @Override
    public Optional<Instant> jobCancelledAt(UUID jobId) {
        return jdbc.sql("select cancelled_at from job_cancellation where job_id = ?").param(jobId)
                .query((row, number) -> row.getTimestamp("cancelled_at").toInstant())
                .optional();
    }

    @Override
    public void insert(LeaseDowntime downtime) {
        jdbc.sql("""
                        insert into lease_downtime (lease_id, started_at, ended_at, seconds, refunded, recorded_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(downtime.leaseId(), Timestamp.from(downtime.startedAt()), Timestamp.from(downtime.endedAt()),
                        downtime.seconds(), new BigDecimal(downtime.refunded()), Timestamp.from(downtime.recordedAt()))
                .update();
    }

    @Override
    public List<LeaseDowntime> downtimeOfJob(UUID jobId) {
        return jdbc.sql("""
                        select d.* from lease_downtime d join lease_escrow l on l.lease_id = d.lease_id
                        where l.job_id = ? order by d.started_at, d.lease_id""")
                .param(jobId)
                .query((rs, row) -> new LeaseDowntime(rs.getObject("lease_id", UUID.class),
                        rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("ended_at").toInstant(),
                        rs.getLong("seconds"), rs.getBigDecimal("refunded").toBigIntegerExact(),
                        rs.getTimestamp("recorded_at").toInstant()))
                .list();
    }

    @Override
    public void insert(Settlement settlement) {
        jdbc.sql("""
                        insert into settlement (settlement_id, lease_id, outcome, provider_payout, protocol_fee,
                                                consumer_refund, recorded_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(settlement.settlementId(), settlement.leaseId(), settlement.outcome().name(),
                        new BigDecimal(settlement.providerPayout()), new BigDecimal(settlement.protocolFee()),
                        new BigDecimal(settlement.consumerRefund()), Timestamp.from(settlement.recordedAt()))
                .update();
    }

    @Override
    public List<Settlement> settlementsOfJob(UUID jobId) {
        return jdbc.sql("""
                        select s.* from settlement s join lease_escrow l on l.lease_id = s.lease_id
                        where l.job_id = ? order by s.recorded_at, s.settlement_id""")
                .param(jobId)
                .query((row, index) -> new Settlement(row.getObject("settlement_id", UUID.class),
                        row.getObject("lease_id", UUID.class), SettlementOutcome.valueOf(row.getString("outcome")),
                        row.getBigDecimal("provider_payout").toBigIntegerExact(),
                        row.getBigDecimal("protocol_fee").toBigIntegerExact(),
                        row.getBigDecimal("consumer_refund").toBigIntegerExact(),
                        row.getTimestamp("recorded_at").toInstant()))
                .list();
    }

    @Override
    public BigInteger totalHeldFor(String consumer) {
        return jdbc.sql("""
                        select coalesce(sum(a.balance), 0) from job_hold j
                        join account a on a.purpose = 'HELD' and a.owner = case when j.listing = 1
                            then j.job_id::text else j.job_id::text || '#' || j.listing end
                        where j.consumer = ?""")
                .param(consumer)
                .query(BigDecimal.class)
                .single()
                .toBigIntegerExact();
    }

    @Override
    public BigInteger totalLeaseEscrowFor(String consumer) {
        return jdbc.sql("""
                        select coalesce(sum(a.balance), 0) from lease_escrow l
                        join account a on a.owner = l.lease_id::text and a.purpose in ('LEASE_ESCROW', 'LEASE_EARNED')
                        where l.consumer = ?""")
                .param(consumer)
                .query(BigDecimal.class)
                .single()
                .toBigIntegerExact();
    }

    @Override
    public BigInteger totalEarnedUnsettledFor(String provider) {
        return jdbc.sql("""
                        select coalesce(sum(a.balance), 0) from lease_escrow l
                        join account a on a.owner = l.lease_id::text and a.purpose = 'LEASE_EARNED'
                        where l.provider = ?""")
                .param(provider)
                .query(BigDecimal.class)
                .single()
                .toBigIntegerExact();
    }

    private static JobHold jobHold(ResultSet rs, int row) throws SQLException {
        return new JobHold(
                rs.getObject("job_id", UUID.class),
                rs.getInt("listing"),
                rs.getString("consumer"),
                rs.getBigDecimal("amount").toBigIntegerExact(),
                rs.getTimestamp("created_at").toInstant(),
                HoldStatus.valueOf(rs.getString("status")),
                rs.getObject("leases_in_award", Integer.class),
                rs.getInt("leases_funded"));
    }

    private static LeaseEscrow lease(ResultSet rs, int row) throws SQLException {
        return new LeaseEscrow(
                rs.getObject("lease_id", UUID.class),
                rs.getObject("job_id", UUID.class),
                rs.getInt("listing"),
                rs.getString("consumer"),
                rs.getString("provider"),
                rs.getBigDecimal("price_per_hour").toBigIntegerExact(),
                rs.getBigDecimal("amount").toBigIntegerExact(),
                rs.getTimestamp("funded_at").toInstant(),
                rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("ends_at").toInstant(),
                LeaseStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("metered_until").toInstant(),
                rs.getLong("billable_seconds"),
                rs.getLong("downtime_seconds"),
                rs.getBigDecimal("topped_up").toBigIntegerExact(),
                instant(rs.getTimestamp("paused_at")),
                instant(rs.getTimestamp("grace_ends_at")));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
