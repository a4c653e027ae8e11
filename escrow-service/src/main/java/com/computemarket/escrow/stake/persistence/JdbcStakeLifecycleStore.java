package com.computemarket.escrow.stake.persistence;

import com.computemarket.escrow.stake.application.StakeLifecycleStore;
import com.computemarket.escrow.stake.model.CollateralStatus;
import com.computemarket.escrow.stake.model.LeaseCollateral;
import com.computemarket.escrow.stake.model.SlashCause;
import com.computemarket.escrow.stake.model.SlashRecord;
import com.computemarket.escrow.stake.model.SlashShare;
import com.computemarket.escrow.stake.model.Unbonding;
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

/** Unbondings, lease collateral and slashes in PostgreSQL. */
@Repository
class JdbcStakeLifecycleStore implements StakeLifecycleStore {

    private static final String UNBONDING_COLUMNS =
            "transfer_id, provider, amount, total_bonded, requested_at, withdrawable_at, released_at";
    private static final String COLLATERAL_COLUMNS = "lease_id, job_id, provider, consumer, lease_value, required,"
            + " locked, slashed, status, locked_at, released_at, release_reason";

    private final JdbcClient jdbc;

    JdbcStakeLifecycleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Unbonding unbonding) {
        jdbc.sql("insert into stake_unbonding (" + UNBONDING_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)")
                .params(unbonding.transferId(), unbonding.provider(), decimal(unbonding.amount()),
                        decimal(unbonding.totalBonded()), timestamp(unbonding.requestedAt()),
                        timestamp(unbonding.withdrawableAt()), timestamp(unbonding.releasedAt()))
                .update();
    }

    @Override
    public Optional<Unbonding> findUnbonding(UUID transferId) {
        return jdbc.sql("select " + UNBONDING_COLUMNS + " from stake_unbonding where transfer_id = ?")
                .param(transferId)
                .query((rs, row) -> unbonding(rs))
                .optional();
    }

    @Override
    public List<Unbonding> lockWithdrawableUnbondings(Instant now, int limit) {
        return jdbc.sql("select " + UNBONDING_COLUMNS + " from stake_unbonding"
                        + " where released_at is null and withdrawable_at <= ?"
                        + " order by withdrawable_at limit ? for update skip locked")
                .params(timestamp(now), limit)
                .query((rs, row) -> unbonding(rs))
                .list();
    }

    @Override
    public void markReleased(UUID transferId, Instant releasedAt) {
        jdbc.sql("update stake_unbonding set released_at = ? where transfer_id = ?")
                .params(timestamp(releasedAt), transferId)
                .update();
    }

    @Override
    public List<Unbonding> unbondingsOf(String provider, int limit) {
        return jdbc.sql("select " + UNBONDING_COLUMNS + " from stake_unbonding where provider = ?"
                        + " order by requested_at desc, transfer_id limit ?")
                .params(provider, limit)
                .query((rs, row) -> unbonding(rs))
                .list();
    }

    @Override
    public void insert(LeaseCollateral collateral) {
        jdbc.sql("insert into lease_collateral (" + COLLATERAL_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(collateral.leaseId(), collateral.jobId(), collateral.provider(), collateral.consumer(),
                        decimal(collateral.leaseValue()), decimal(collateral.required()), decimal(collateral.locked()),
                        decimal(collateral.slashed()), collateral.status().name(), timestamp(collateral.lockedAt()),
                        timestamp(collateral.releasedAt()), collateral.releaseReason())
                .update();
    }

    @Override
    public Optional<LeaseCollateral> lockCollateral(UUID leaseId) {
        return jdbc.sql("select " + COLLATERAL_COLUMNS + " from lease_collateral where lease_id = ? for update")
                .param(leaseId)
                .query((rs, row) -> new LeaseCollateral(rs.getObject("lease_id", UUID.class),
                        rs.getObject("job_id", UUID.class), rs.getString("provider"), rs.getString("consumer"),
                        integer(rs, "lease_value"), integer(rs, "required"), integer(rs, "locked"),
                        integer(rs, "slashed"), CollateralStatus.valueOf(rs.getString("status")),
                        instant(rs, "locked_at"), instant(rs, "released_at"), rs.getString("release_reason")))
                .optional();
    }

    @Override
    public void update(LeaseCollateral collateral) {
        jdbc.sql("update lease_collateral set slashed = ?, status = ?, released_at = ?, release_reason = ?"
                        + " where lease_id = ?")
                .params(decimal(collateral.slashed()), collateral.status().name(), timestamp(collateral.releasedAt()),
                        collateral.releaseReason(), collateral.leaseId())
                .update();
    }

    @Override
    public void insert(SlashRecord slash) {
        jdbc.sql("""
                        insert into stake_slash (transfer_id, lease_id, cause, policy, provider, consumer, amount,
                            to_consumer, to_slashed_funds, evidence_event_id, evidence, slashed_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(slash.transferId(), slash.leaseId(), slash.cause().name(), slash.policy(), slash.provider(),
                        slash.consumer(), decimal(slash.share().amount()), decimal(slash.share().toConsumer()),
                        decimal(slash.share().toSlashedFunds()), slash.evidenceEventId(), slash.evidence(),
                        timestamp(slash.slashedAt()))
                .update();
    }

    @Override
    public List<SlashRecord> slashesOf(String provider, int limit) {
        return jdbc.sql("""
                        select transfer_id, lease_id, cause, policy, provider, consumer, amount, to_consumer,
                            to_slashed_funds, evidence_event_id, evidence, slashed_at
                        from stake_slash where provider = ? order by slashed_at desc, transfer_id limit ?""")
                .params(provider, limit)
                .query((rs, row) -> new SlashRecord(rs.getObject("transfer_id", UUID.class),
                        rs.getObject("lease_id", UUID.class), SlashCause.valueOf(rs.getString("cause")),
                        rs.getString("policy"), rs.getString("provider"), rs.getString("consumer"),
                        new SlashShare(integer(rs, "amount"), integer(rs, "to_consumer"),
                                integer(rs, "to_slashed_funds")),
                        rs.getObject("evidence_event_id", UUID.class), rs.getString("evidence"),
                        instant(rs, "slashed_at")))
                .list();
    }

    private static Unbonding unbonding(ResultSet rs) throws SQLException {
        return new Unbonding(rs.getObject("transfer_id", UUID.class), rs.getString("provider"),
                integer(rs, "amount"), integer(rs, "total_bonded"), instant(rs, "requested_at"),
                instant(rs, "withdrawable_at"), instant(rs, "released_at"));
    }

    private static BigDecimal decimal(BigInteger value) {
        return new BigDecimal(value);
    }

    private static BigInteger integer(ResultSet rs, String column) throws SQLException {
        return rs.getBigDecimal(column).toBigIntegerExact();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
