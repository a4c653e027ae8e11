package com.computemarket.escrow;

import com.computemarket.testsupport.RealInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The one Spring context of escrow's integration tests, against the JVM's real PostgreSQL, Kafka and Anvil. Every
 * integration test carries exactly this annotation and nothing that changes the context, so the context is shared.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@AutoConfigureMockMvc
@Import({RealInfrastructure.class, ChainTestProperties.class})
public @interface EscrowIntegrationTest {
}
