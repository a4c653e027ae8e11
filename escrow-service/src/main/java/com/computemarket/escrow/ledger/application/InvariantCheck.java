package com.computemarket.escrow.ledger.application;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of one check of the ledger's invariants: what was seen, when, and which invariants it broke. */
public record InvariantCheck(Instant checkedAt, LedgerFigures figures, List<Violation> violations) {

    public InvariantCheck {
        violations = List.copyOf(violations);
    }

    public boolean passed() {
        return violations.isEmpty();
    }

    /** How many offenders the check found for the invariant (1 for a ledger-wide total that is off, else 0). */
    public long violationsOf(LedgerInvariant invariant) {
        return violations.stream().filter(violation -> violation.invariant() == invariant)
                .mapToLong(Violation::count).sum();
    }

    /**
     * One broken invariant.
     *
     * @param count   how many offenders (accounts, transfers) break it; 1 for a ledger-wide total
     * @param figures the numbers that show it, as strings (amounts are decimal token base units)
     */
    public record Violation(LedgerInvariant invariant, long count, String description, Map<String, Object> figures) {

        public Violation {
            // Kept in the order given, so that logs and health details read totals first, then offenders.
            figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        }

        @Override
        public String toString() {
            return invariant.healthName() + ": " + description + " " + figures;
        }
    }
}
