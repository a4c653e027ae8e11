package com.computemarket.chain;

import com.computemarket.testsupport.RealInfrastructure;
import com.computemarket.testsupport.TestInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one Spring context of this module's integration tests: real PostgreSQL and Kafka from test-support, a real
 * Anvil node (the JVM's shared one) whose RPC URL is set as {@code chain.rpc-url}, contracts deployed on startup.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
        "chain.poll-interval=100ms",
        "chain.batch.max-age=300ms",
        "chain.batch.check-interval=100ms",
        "chain.transactions.poll-interval=100ms",
        "chain.transactions.stuck-after=2s"
})
@AutoConfigureMockMvc
@Import(RealInfrastructure.class)
@ContextConfiguration(initializers = ChainIndexerIntegrationTest.AnvilRpcUrl.class)
public @interface ChainIndexerIntegrationTest {

    /** Points {@code chain.rpc-url} at the JVM's Anvil node, starting it on first use. */
    class AnvilRpcUrl implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("anvil",
                    Map.of("chain.rpc-url", TestInfrastructure.shared().anvil().rpcUrl())));
        }
    }
}
