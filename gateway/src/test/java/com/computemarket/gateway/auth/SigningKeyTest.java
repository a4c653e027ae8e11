package com.computemarket.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;

class SigningKeyTest {

    @Test
    void loadsAPkcs8PemKeyAndDerivesItsPublicKeyAndId() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        SigningKey key = SigningKey.from(new ByteArrayResource(pem.getBytes(StandardCharsets.US_ASCII)));

        assertThat(key.publicKey()).isEqualTo(pair.getPublic());
        assertThat(key.keyId()).isNotBlank()
                .isEqualTo(SigningKey.fromPem(pem).keyId());
        assertThat(key.jwk().toPublicJWK().isPrivate()).isFalse();
    }

    @Test
    void withoutALocationAnEphemeralKeyIsGenerated() {
        assertThat(SigningKey.from(null).keyId()).isNotEqualTo(SigningKey.from(null).keyId());
    }

    @Test
    void refusesSomethingThatIsNotAnRsaKey() {
        assertThatThrownBy(() -> SigningKey.fromPem("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PKCS#8");
    }
}
