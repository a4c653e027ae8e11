/**
 * Providers as matching sees them: the nodes (capacity) they registered here, and local copies of their bonded
 * stake (from escrow's {@code StakeBonded}) and reputation score (from reputation's {@code ReputationUpdated}).
 */
package com.computemarket.matching.providers;
