package com.computemarket.escrow.funding.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One metering pass over the open leases, each lease in its own transaction. Safe with several instances running
 * passes at once: a lease another instance is metering is skipped (its row is locked), and a lease metered twice
 * for the same moment moves nothing the second time.
 */
@Service
public class LeaseMetering {

    private static final Logger log = LoggerFactory.getLogger(LeaseMetering.class);

    private final FundingStore store;
    private final LeaseMeter meter;
    private final TransactionTemplate transactions;
    private final int batchSize;

    LeaseMetering(FundingStore store, LeaseMeter meter, PlatformTransactionManager transactionManager,
            LeaseFundingProperties leases) {
        this.store = store;
        this.meter = meter;
        this.transactions = new TransactionTemplate(transactionManager);
        this.batchSize = leases.batchSize();
    }

    /**
     * Meters every lease due at {@code now}.
     *
     * @return how many leases were looked at (some may have been skipped as busy)
     */
    public int meterDueLeases(Instant now) {
        int looked = 0;
        UUID after = null;
        List<UUID> batch;
        do {
            batch = store.leasesToMeter(now, after, batchSize);
            for (UUID leaseId : batch) {
                try {
                    transactions.executeWithoutResult(status -> meter.meter(leaseId, now));
                } catch (RuntimeException failed) {
                    // One lease that cannot be metered must not stop the others; it is retried on the next pass.
                    log.error("Could not meter lease {} at {}", leaseId, now, failed);
                }
                after = leaseId;
                looked++;
            }
        } while (batch.size() == batchSize);
        return looked;
    }
}
