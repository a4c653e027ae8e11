/**
 * A job's money from hold to settlement: the hold placed when a job is posted, its release when the job expires,
 * lease escrow funded from the hold when leases are awarded (the excess returned to the consumer), and the
 * settlement of each lease when verification accepts or rejects its work.
 */
package com.computemarket.escrow.funding;
