package com.computemarket.testsupport;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Points a service under test at the JVM's real PostgreSQL (a database named after the application) and Kafka
 * broker through Boot's connection details, so DataSource, Flyway and Kafka auto-configuration need no properties;
 * and verifies {@link TestTokens} in place of the gateway's tokens.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RealInfrastructure {

    @Bean
    JdbcConnectionDetails testDatabase(Environment environment) {
        return TestDatabases.connectionDetails(environment.getProperty("spring.application.name", "service")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_"));
    }

    @Bean
    KafkaConnectionDetails testKafka() {
        String bootstrapServers = TestInfrastructure.shared().kafka().bootstrapServers();
        return () -> List.of(bootstrapServers);
    }

    @Bean
    JwtDecoder testTokenDecoder() {
        return TestTokens.decoder();
    }
}
