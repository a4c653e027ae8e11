/**
 * The double-entry, append-only ledger: accounts identified by (owner, purpose), transfers made of balanced
 * postings with a unique idempotency key, balances derived from postings, and the rule that no account except the
 * vault mirror is ever overdrawn. Every other feature moves money only through {@link
 * com.computemarket.escrow.ledger.application.Ledger}.
 */
package com.computemarket.escrow.ledger;
