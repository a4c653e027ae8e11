package com.computemarket.escrow.ledger.application;

import com.computemarket.escrow.ledger.model.AccountRef;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The figures {@link LedgerInvariants} judges the ledger by, read in one consistent snapshot. Lists of offenders
 * are samples (the first few); the counts say how many there are in all.
 *
 * @param totalDebits              sum of every DEBIT posting
 * @param totalCredits             sum of every CREDIT posting
 * @param unbalancedTransferCount  transfers whose own postings do not net to zero
 * @param unbalancedTransfers      a sample of them
 * @param mismatchedAccountCount   accounts whose stored balance differs from the sum of their postings
 * @param overdrawnAccountCount    accounts other than the vault mirror below zero (stored or by their postings)
 * @param accountsOutOfLine        a sample of the accounts counted by either of the two counts above
 * @param nonVaultBalanceTotal     sum of the stored balances of every account except the vault mirror
 * @param vaultMirrorBalance       the vault mirror's stored balance
 * @param orphanPostingCount       postings naming a transfer or an account that does not exist
 * @param orphanPostings           a sample of them
 */
public record LedgerFigures(
        BigInteger totalDebits,
        BigInteger totalCredits,
        long unbalancedTransferCount,
        List<UnbalancedTransfer> unbalancedTransfers,
        long mismatchedAccountCount,
        long overdrawnAccountCount,
        List<AccountFigures> accountsOutOfLine,
        BigInteger nonVaultBalanceTotal,
        BigInteger vaultMirrorBalance,
        long orphanPostingCount,
        List<OrphanPosting> orphanPostings) {

    /** How many offenders of each kind an audit lists by name; enough to start an investigation. */
    public static final int SAMPLE_SIZE = 20;

    public LedgerFigures {
        Objects.requireNonNull(totalDebits, "totalDebits");
        Objects.requireNonNull(totalCredits, "totalCredits");
        Objects.requireNonNull(nonVaultBalanceTotal, "nonVaultBalanceTotal");
        Objects.requireNonNull(vaultMirrorBalance, "vaultMirrorBalance");
        unbalancedTransfers = List.copyOf(unbalancedTransfers);
        accountsOutOfLine = List.copyOf(accountsOutOfLine);
        orphanPostings = List.copyOf(orphanPostings);
    }

    /** A transfer whose postings do not net to zero; {@code net} is credits minus debits. */
    public record UnbalancedTransfer(UUID transferId, BigInteger net) {
    }

    /** An account's stored balance beside the balance its postings add up to. */
    public record AccountFigures(AccountRef account, BigInteger storedBalance, BigInteger postedBalance) {

        public boolean mismatched() {
            return storedBalance.compareTo(postedBalance) != 0;
        }

        public boolean overdrawn() {
            return !account.purpose().mayGoNegative() && (storedBalance.signum() < 0 || postedBalance.signum() < 0);
        }
    }

    /** A posting whose transfer, or account, or both, are not recorded. */
    public record OrphanPosting(long postingId, UUID transferId, boolean transferMissing, long accountId,
            boolean accountMissing) {
    }
}
