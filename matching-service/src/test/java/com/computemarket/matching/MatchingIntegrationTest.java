package com.computemarket.matching;

import com.computemarket.testsupport.RealInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The one Spring context of this module's integration tests: the whole service against the JVM's real PostgreSQL
 * and Kafka. Every integration test uses exactly this annotation, so the context is built once and cached. Time
 * comes from a {@link TestClock} that tests move forward instead of waiting. The auction closer claims small batches
 * here, so that a few dozen auctions closing at once span several transactions and concurrent closers (another
 * instance, another thread) each get some of them. A job takes few open bids here, so that a burst of bidders can
 * overrun the bound.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
        "matching.auction.close-batch-size=" + MatchingIntegrationTest.CLOSE_BATCH_SIZE,
        "matching.auction.max-bids-per-job=" + MatchingIntegrationTest.MAX_BIDS_PER_JOB})
@AutoConfigureMockMvc
@Import({RealInfrastructure.class, TestClockConfiguration.class, MarketActions.class})
public @interface MatchingIntegrationTest {

    /** Auctions one closer transaction claims in the tests (production: 100). */
    int CLOSE_BATCH_SIZE = 5;

    /** Open bids one job takes in the tests (production: 1000). */
    int MAX_BIDS_PER_JOB = 8;
}
