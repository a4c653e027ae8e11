package com.computemarket.api;

import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every servlet service: tokens verified against the gateway's keys, a {@link Caller} argument, problem+json errors.
 */
@AutoConfiguration(before = ServletWebSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ApiSecurityProperties.class)
@Import(ApiExceptionHandler.class)
public class ApiConventionsAutoConfiguration {

    private static final String[] ALWAYS_PUBLIC = {
        "/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error"
    };

    /** The checks a service makes on every token besides its signature: lifetime, issuer and audience. */
    public static OAuth2TokenValidator<Jwt> gatewayTokenValidator() {
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(GatewayTokens.ISSUER),
                new JwtClaimValidator<List<String>>("aud",
                        audience -> audience != null && audience.contains(GatewayTokens.AUDIENCE)));
    }

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder gatewayJwtDecoder(ApiSecurityProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString()).build();
        decoder.setJwtValidator(gatewayTokenValidator());
        return decoder;
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ApiSecurityProperties properties, JsonMapper json)
            throws Exception {
        String[] publicPaths = Stream.concat(Stream.of(ALWAYS_PUBLIC), properties.publicPaths().stream())
                .toArray(String[]::new);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(publicPaths).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> { })
                        .authenticationEntryPoint((request, response, exception) -> writeProblem(response, json,
                                Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
                                        "A valid bearer token from the gateway's /auth/login is required.",
                                        "Authorization")))
                        .accessDeniedHandler((request, response, exception) -> writeProblem(response, json,
                                Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                                        "This caller may not do that.", null))));
        return http.build();
    }

    @Bean
    WebMvcConfigurer callerArgumentConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }

    private static void writeProblem(jakarta.servlet.http.HttpServletResponse response, JsonMapper json,
            ProblemDetail problem) throws java.io.IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
