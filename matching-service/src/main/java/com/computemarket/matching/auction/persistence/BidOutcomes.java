package com.computemarket.matching.auction.persistence;

import com.computemarket.matching.auction.model.Bid;
import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes what closed auctions decided for their bids (won, or lost with a reason) in one statement for the whole
 * batch instead of one update per bid. The closer reads those bids read-only ({@link BidRepository#findOpenForClosing}),
 * so this is their only write. It keeps the optimistic lock Hibernate would apply: a bid is written only if its
 * version is still the one it was read at (and the version goes up by one), and if any bid changed meanwhile
 * nothing is kept: the caller's transaction fails, as a stale Hibernate update would fail it.
 */
@Component
public class BidOutcomes {

    private final JdbcTemplate jdbc;

    BidOutcomes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws IllegalStateException if a bid is still open, or changed in the database since it was read */
    public void record(Collection<Bid> closed) {
        if (closed.isEmpty()) {
            return;
        }
        List<Bid> bids = List.copyOf(closed);
        String[] ids = new String[bids.size()];
        String[] statuses = new String[bids.size()];
        String[] reasons = new String[bids.size()];
        Long[] versions = new Long[bids.size()];
        for (int i = 0; i < bids.size(); i++) {
            Bid bid = bids.get(i);
            if (bid.isActive()) {
                throw new IllegalStateException("bid " + bid.id() + " is still open");
            }
            ids[i] = bid.id().toString();
            statuses[i] = bid.status().name();
            reasons[i] = bid.closeReason();
            versions[i] = bid.version();
        }
        int updated = jdbc.update(connection -> {
            PreparedStatement update = connection.prepareStatement("""
                    update bid set status = outcome.status, close_reason = outcome.reason, version = bid.version + 1
                    from unnest(?::uuid[], ?::text[], ?::text[], ?::bigint[]) as outcome (id, status, reason, version)
                    where bid.id = outcome.id and bid.version = outcome.version
                    """);
            update.setArray(1, connection.createArrayOf("text", ids));
            update.setArray(2, connection.createArrayOf("text", statuses));
            update.setArray(3, connection.createArrayOf("text", reasons));
            update.setArray(4, connection.createArrayOf("bigint", versions));
            return update;
        });
        if (updated != bids.size()) {
            throw new IllegalStateException(
                    "closed " + updated + " of " + bids.size() + " bids: the others changed since they were read");
        }
    }
}
