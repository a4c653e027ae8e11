package com.computemarket.escrow.accounts.application;

import com.computemarket.escrow.ledger.model.AccountPurpose;
import com.computemarket.escrow.ledger.model.Direction;
import com.computemarket.escrow.ledger.model.TransferKind;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/**
 * One posting to one of the participant's own accounts: which transfer, why, which of its accounts, in or out, how
 * much, and for which job or lease if any.
 *
 * @param postingId the posting's position in the ledger; strictly increasing per account in commit order
 */
public record StatementEntry(long postingId, UUID transferId, TransferKind kind, AccountPurpose account,
        Direction direction, BigInteger amount, UUID jobId, UUID leaseId, Instant recordedAt) {
}
