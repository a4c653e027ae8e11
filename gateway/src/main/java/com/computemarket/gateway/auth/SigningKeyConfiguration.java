package com.computemarket.gateway.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SigningKeyConfiguration {

    @Bean
    SigningKey signingKey(AuthProperties properties) {
        return SigningKey.from(properties.signingKeyLocation());
    }
}
