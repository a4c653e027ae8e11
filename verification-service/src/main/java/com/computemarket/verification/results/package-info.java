/**
 * Results of leased work: which leases await a result (from {@code LeaseAwarded}), the providers' commitments and
 * reveals, the redundancy consensus across a job's replicas, and the one verdict per lease
 * ({@code WorkVerified} / {@code WorkRejected}) that this service publishes.
 */
package com.computemarket.verification.results;
