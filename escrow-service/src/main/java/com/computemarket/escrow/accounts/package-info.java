/**
 * Participants' accounts as they see them: deposits credited from the chain and taken back after a reorg (with the
 * debt that leaves when the deposit was already spent), the balance view and statement of the caller, and provider
 * stake bonded from the available balance.
 */
package com.computemarket.escrow.accounts;
