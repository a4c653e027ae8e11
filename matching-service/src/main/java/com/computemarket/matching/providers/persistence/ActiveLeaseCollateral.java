package com.computemarket.matching.providers.persistence;

import com.computemarket.matching.providers.model.CollateralShare;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What providers' ACTIVE leases lock as collateral, read from the lease table. Escrow rounds each lease's collateral
 * down on its own, so the sum is taken lease by lease in Java ({@link CollateralShare}), not as one SQL sum; leases
 * with the same price and duration are grouped, so a provider running many alike leases costs one row.
 */
@Component
public class ActiveLeaseCollateral {

    private final JdbcClient jdbc;

    ActiveLeaseCollateral(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Collateral locked per provider address (absent: nothing locked), for these providers. */
    public Map<String, BigInteger> lockedBy(Collection<String> providers, CollateralShare share) {
        if (providers.isEmpty() || share.bps() == 0) {
            return Map.of();
        }
        return sum(jdbc.sql("""
                        select provider, price_per_hour, duration_seconds, count(*) as leases from lease
                        where status = 'ACTIVE' and provider in (:providers)
                        group by provider, price_per_hour, duration_seconds
                        """).param("providers", providers), share);
    }

    /** Collateral locked per provider address (absent: nothing locked), for every provider. */
    public Map<String, BigInteger> lockedByAll(CollateralShare share) {
        if (share.bps() == 0) {
            return Map.of();
        }
        return sum(jdbc.sql("""
                select provider, price_per_hour, duration_seconds, count(*) as leases from lease
                where status = 'ACTIVE'
                group by provider, price_per_hour, duration_seconds
                """), share);
    }

    private static Map<String, BigInteger> sum(JdbcClient.StatementSpec query, CollateralShare share) {
        Map<String, BigInteger> locked = new HashMap<>();
        query.query((RowCallbackHandler) row -> {
            BigInteger perLease = share.of(row.getBigDecimal("price_per_hour").toBigIntegerExact(),
                    row.getLong("duration_seconds"));
            locked.merge(row.getString("provider"), perLease.multiply(BigInteger.valueOf(row.getLong("leases"))),
                    BigInteger::add);
        });
        return locked;
    }
}
