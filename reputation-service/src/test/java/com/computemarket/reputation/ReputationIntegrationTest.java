package com.computemarket.reputation;

import com.computemarket.testsupport.RealInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The one Spring context of this service's integration tests: the whole service against the JVM's real PostgreSQL
 * and Kafka broker. Every integration test uses exactly this, so the context is built once and cached.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {"logging.level.org.apache.kafka=WARN", "logging.level.kafka=WARN",
        "logging.level.state.change.logger=WARN"})
@AutoConfigureMockMvc
@Import(RealInfrastructure.class)
public @interface ReputationIntegrationTest {
}
