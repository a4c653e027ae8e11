/**
 * Sending transactions with the operator key: a journal of every intended transaction (written before it is sent, in
 * the same database transaction as the decision that needs it), one active sender that assigns nonces, signs,
 * broadcasts, replaces stuck transactions with higher fees and settles each intent by the receipt of any of its
 * signed versions. All sender state lives in the journal, so a restart simply continues from it.
 */
package com.computemarket.chain.transactions;
