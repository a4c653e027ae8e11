package com.computemarket.escrow.accounts.application;

import java.util.List;

/** Reads a participant's postings straight from the ledger's tables. */
public interface StatementStore {

    /**
     * The owner's postings with an id below {@code beforePostingId}, newest first, at most {@code limit} of them.
     *
     * @param beforePostingId {@link Long#MAX_VALUE} for the first page
     */
    List<StatementEntry> postingsOf(String owner, long beforePostingId, int limit);
}
