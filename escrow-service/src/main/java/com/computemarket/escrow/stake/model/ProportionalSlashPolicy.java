package com.computemarket.escrow.stake.model;

import java.math.BigInteger;

/**
 * "Proportional Slash v1": a slash takes a fixed share of the collateral the lease locked, by cause
 * ({@code rejectedWorkBps} on a rejected result, {@code lostLeaseBps} on a lease lost to missed heartbeats or a
 * provider fault), never more than what the lease still has locked. Of what is taken, {@code consumerShareBps} goes
 * to the lease's consumer as compensation and the rest to the protocol's slashed funds. All shares are basis points
 * of 10,000 and round down, so the consumer's part never exceeds its share and nothing is minted.
 */
public record ProportionalSlashPolicy(int rejectedWorkBps, int lostLeaseBps, int consumerShareBps) {

    /** The stable name recorded with every slash this policy computed. */
    public static final String NAME = "proportional-slash-v1";
    private static final BigInteger BASIS_POINTS = BigInteger.valueOf(10_000);

    public ProportionalSlashPolicy {
        requireBasisPoints("rejectedWorkBps", rejectedWorkBps);
        requireBasisPoints("lostLeaseBps", lostLeaseBps);
        requireBasisPoints("consumerShareBps", consumerShareBps);
    }

    /** The slash for {@code cause} on {@code collateral}; zero when nothing is locked or the share rounds to zero. */
    public SlashShare slashFor(SlashCause cause, LeaseCollateral collateral) {
        int bps = switch (cause) {
            case WORK_REJECTED -> rejectedWorkBps;
            case LEASE_LOST -> lostLeaseBps;
        };
        BigInteger amount = share(collateral.locked(), bps).min(collateral.stillLocked());
        BigInteger toConsumer = share(amount, consumerShareBps);
        return new SlashShare(amount, toConsumer, amount.subtract(toConsumer));
    }

    private static BigInteger share(BigInteger amount, int bps) {
        return amount.multiply(BigInteger.valueOf(bps)).divide(BASIS_POINTS);
    }

    private static void requireBasisPoints(String name, int bps) {
        if (bps < 0 || bps > 10_000) {
            throw new IllegalArgumentException(name + " must be 0 to 10000 basis points, was " + bps);
        }
    }
}
