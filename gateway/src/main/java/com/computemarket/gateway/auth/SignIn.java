package com.computemarket.gateway.auth;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Service;
import org.web3j.crypto.Keys;

/**
 * Turns a signed EIP-4361 message into an access token. Everything that needs no database (layout, domain, chain,
 * validity window, signer) is checked first and the nonce is consumed last, so only a correctly signed message for
 * this market can use a nonce up.
 */
@Service
class SignIn {

    private final LoginNonces nonces;
    private final AccessTokens tokens;
    private final AuthProperties properties;
    private final Clock clock;

    SignIn(LoginNonces nonces, AccessTokens tokens, AuthProperties properties, Clock clock) {
        this.nonces = nonces;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Blocking (the nonce lives in PostgreSQL).
     *
     * @throws SignInRejected naming the field at fault
     */
    AccessTokens.AccessToken signIn(String messageText, String signatureHex) {
        SiweMessage message = SiweMessageParser.parse(messageText);
        PersonalSignature signature = PersonalSignature.parse(signatureHex);
        checkAudience(message);
        checkValidity(message);
        if (!signature.isBy(message.address(), messageText)) {
            throw SignInRejected.refused("signature", "the signature was not made by " + message.address());
        }
        nonces.consume(message.nonce());
        return tokens.issueFor(Keys.toChecksumAddress(message.address()));
    }

    private void checkAudience(SiweMessage message) {
        if (!properties.domain().equalsIgnoreCase(message.domain())) {
            throw SignInRejected.refused("domain",
                    "the message is for '" + message.domain() + "', this service is '" + properties.domain() + "'");
        }
        if (message.chainId() != properties.chainId()) {
            throw SignInRejected.refused("chainId",
                    "the message names chain " + message.chainId() + ", this market runs on " + properties.chainId());
        }
    }

    private void checkValidity(SiweMessage message) {
        Instant now = clock.instant();
        if (message.expirationTime().filter(expiry -> !expiry.isAfter(now)).isPresent()) {
            throw SignInRejected.refused("expirationTime", "the message expired at " + message.expirationTime().get());
        }
        if (message.notBefore().filter(now::isBefore).isPresent()) {
            throw SignInRejected.refused("notBefore", "the message is not valid before " + message.notBefore().get());
        }
    }
}
