/**
 * How events cross service boundaries without being lost or applied twice: producers append to a transactional
 * outbox that a relay publishes after commit; consumers record each handled event id in the same transaction as
 * its effect; what cannot be handled after bounded retries goes to the topic's dead-letter topic.
 */
package com.computemarket.messaging;
