package com.computemarket.gateway.auth;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Issues and consumes login nonces. Blocking JDBC: callers run it on a bounded-elastic scheduler.
 */
@Component
class LoginNonces {

    private static final Logger log = LoggerFactory.getLogger(LoginNonces.class);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static final int LENGTH = 24;

    private final JdbcClient jdbc;
    private final SecureRandom random;
    private final Clock clock;
    private final AuthProperties properties;

    LoginNonces(JdbcClient jdbc, SecureRandom random, Clock clock, AuthProperties properties) {
        this.jdbc = jdbc;
        this.random = random;
        this.clock = clock;
        this.properties = properties;
    }

    IssuedNonce issue() {
        StringBuilder nonce = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            nonce.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.nonceTtl());
        jdbc.sql("INSERT INTO login_nonce (nonce, issued_at, expires_at) VALUES (?, ?, ?)")
                .params(nonce.toString(), Timestamp.from(now), Timestamp.from(expiresAt))
                .update();
        return new IssuedNonce(nonce.toString(), expiresAt);
    }

    /**
     * Removes the nonce in one statement, so two logins racing with the same nonce cannot both succeed.
     *
     * @throws SignInRejected when the nonce was never issued, is already used, or has expired
     */
    void consume(String nonce) {
        List<Timestamp> expiry = jdbc.sql("DELETE FROM login_nonce WHERE nonce = ? RETURNING expires_at")
                .param(nonce)
                .query(Timestamp.class)
                .list();
        if (expiry.isEmpty()) {
            throw SignInRejected.refused("nonce", "the nonce is unknown or was already used");
        }
        if (!expiry.getFirst().toInstant().isAfter(clock.instant())) {
            throw SignInRejected.refused("nonce", "the nonce has expired; request a new one");
        }
    }

    @Scheduled(fixedDelayString = "${gateway.auth.nonce-purge-interval:1m}")
    void purgeExpired() {
        int purged = jdbc.sql("DELETE FROM login_nonce WHERE expires_at <= ?")
                .param(Timestamp.from(clock.instant()))
                .update();
        if (purged > 0) {
            log.debug("Purged {} expired login nonces", purged);
        }
    }

    record IssuedNonce(String nonce, Instant expiresAt) {
    }
}
