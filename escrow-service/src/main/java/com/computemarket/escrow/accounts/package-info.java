/**
 * Participants' accounts as they see them: deposits credited from the chain, the balance view of the caller, and
 * provider stake bonded from the available balance.
 */
package com.computemarket.escrow.accounts;
