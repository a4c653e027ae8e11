package com.computemarket.escrow;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.IdGenerator;
import org.springframework.util.JdkIdGenerator;

/** Where new transfer and settlement ids come from: injected, so that tests and simulations can choose. */
@Configuration(proxyBeanMethods = false)
class IdentifiersConfiguration {

    @Bean
    IdGenerator idGenerator() {
        return new JdkIdGenerator();
    }
}
