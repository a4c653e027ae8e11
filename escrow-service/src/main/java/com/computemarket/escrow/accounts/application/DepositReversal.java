package com.computemarket.escrow.accounts.application;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/**
 * What escrow did about one deposit a reorg removed.
 *
 * @param amount     what the deposit had credited (or, if it never was, what the reversal said)
 * @param takenBack  the part taken back from the depositor's available balance
 * @param shortfall  the part the depositor had already spent, now owed ({@code RECEIVABLE})
 * @param transferId the reversing transfer; null when the deposit was never credited
 */
public record DepositReversal(DepositKey deposit, String account, BigInteger amount, String orphanedBlockHash,
        Outcome outcome, BigInteger takenBack, BigInteger shortfall, UUID transferId, Instant reversedAt) {

    public enum Outcome {
        /** The credit was taken back (in full, or as far as the balance allowed with the rest owed). */
        REVERSED,
        /** Escrow had never credited the deposit: nothing moved, and a late confirmation will not credit it. */
        NEVER_CREDITED
    }
}
