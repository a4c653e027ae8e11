package com.computemarket.escrow.accounts.application;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A participant's statement: every posting to the accounts it owns, paged by a keyset cursor. */
@Service
public class StatementQueries {

    public static final int MAX_PAGE_SIZE = 200;

    private final StatementStore store;

    StatementQueries(StatementStore store) {
        this.store = store;
    }

    /**
     * A page of at most {@code limit} entries, newest first, below {@code beforePostingId} (empty for the newest).
     * One row more than asked is read to learn, without a count, whether another page follows.
     */
    @Transactional(readOnly = true)
    public StatementPage pageOf(String owner, Optional<Long> beforePostingId, int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE_SIZE + ", was " + limit);
        }
        List<StatementEntry> read = store.postingsOf(owner, beforePostingId.orElse(Long.MAX_VALUE), limit + 1);
        if (read.size() <= limit) {
            return new StatementPage(read, Optional.empty());
        }
        List<StatementEntry> page = read.subList(0, limit);
        return new StatementPage(page, Optional.of(page.getLast().postingId()));
    }
}
