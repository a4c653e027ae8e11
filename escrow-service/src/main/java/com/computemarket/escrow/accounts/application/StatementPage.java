package com.computemarket.escrow.accounts.application;

import java.util.List;
import java.util.Optional;

/**
 * One page of a participant's statement, newest first.
 *
 * @param continueBefore the posting id the next page starts below; empty on the last page
 */
public record StatementPage(List<StatementEntry> entries, Optional<Long> continueBefore) {

    public StatementPage {
        entries = List.copyOf(entries);
    }
}
