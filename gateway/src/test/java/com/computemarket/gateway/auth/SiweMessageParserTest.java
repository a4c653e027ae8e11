package com.computemarket.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class SiweMessageParserTest {

    private static final String FULL = """
            https://localhost:8080 wants you to sign in with your Ethereum account:
            0x70997970C51812dc3A010C7d01b50e0d17dc79C8

            Sign in to Compute Market.

            URI: http://localhost:8080/login
            Version: 1
            Chain ID: 31337
            Nonce: k3VQ9xTqZb7LmP2sWc8RfYhA
            Issued At: 2026-11-26T11:00:00.000Z
            Expiration Time: 2026-11-26T11:10:00+01:00
            Not Before: 2026-11-26T10:59:00Z
            Request ID: req-42
            Resources:
            - ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/
            - https://example.com/my-web2-claim.json""";

    @Test
    void readsEveryField() {
        SiweMessage message = SiweMessageParser.parse(FULL);

        assertThat(message.scheme()).isEqualTo("https");
        assertThat(message.domain()).isEqualTo("localhost:8080");
        assertThat(message.address()).isEqualTo("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        assertThat(message.statement()).contains("Sign in to Compute Market.");
        assertThat(message.uri()).isEqualTo("http://localhost:8080/login");
        assertThat(message.version()).isEqualTo("1");
        assertThat(message.chainId()).isEqualTo(31337);
        assertThat(message.nonce()).isEqualTo("k3VQ9xTqZb7LmP2sWc8RfYhA");
        assertThat(message.issuedAt()).isEqualTo(Instant.parse("2026-11-26T11:00:00Z"));
        assertThat(message.expirationTime()).contains(Instant.parse("2026-11-26T10:10:00Z"));
        assertThat(message.notBefore()).contains(Instant.parse("2026-11-26T10:59:00Z"));
        assertThat(message.requestId()).contains("req-42");
        assertThat(message.resources()).isEqualTo(List.of(
                "ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/",
                "https://example.com/my-web2-claim.json"));
    }

    @Test
    void acceptsAMessageWithoutStatementInBothSpacings() {
        String current = "localhost:8080 wants you to sign in with your Ethereum account:\n"
                + "0x70997970c51812dc3a010c7d01b50e0d17dc79c8\n\n\n"
                + "URI: http://localhost:8080\nVersion: 1\nChain ID: 1\nNonce: abcdefgh12\n"
                + "Issued At: 2026-11-26T11:00:00Z";
        String original = current.replace("\n\n\nURI", "\n\nURI");

        for (String text : List.of(current, original)) {
            SiweMessage message = SiweMessageParser.parse(text);
            assertThat(message.statement()).isEmpty();
            assertThat(message.scheme()).isNull();
            assertThat(message.expirationTime()).isEmpty();
            assertThat(message.nonce()).isEqualTo("abcdefgh12");
        }
    }

    @Test
    void namesTheFieldThatIsWrong() {
        assertRejected(FULL.replace("Version: 1", "Version: 2"), "version");
        assertRejected(FULL.replace("Chain ID: 31337", "Chain ID: main"), "chainId");
        assertRejected(FULL.replace("Nonce: k3VQ9xTqZb7LmP2sWc8RfYhA", "Nonce: short"), "nonce");
        assertRejected(FULL.replace("Issued At: 2026-11-26T11:00:00.000Z", "Issued At: yesterday"), "issuedAt");
        assertRejected(FULL.replace("Expiration Time: 2026-11-26T11:10:00+01:00", "Expiration Time: 2026-11-26"),
                "expirationTime");
        assertRejected(FULL.replace("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "0x7099"), "address");
        assertRejected(FULL.replace("URI: http://localhost:8080/login", "URI: not a uri"), "uri");
        assertRejected(FULL.replace("wants you to sign in", "would like you to sign in"), "domain");
        assertRejected(FULL.replace("Version: 1\n", ""), "version");
        assertRejected(FULL + "\nTrailing: garbage", "message");
        assertRejected("", "message");
        assertRejected("localhost:8080 wants you to sign in with your Ethereum account:", "address");
    }

    @Test
    void rejectsAnAddressWithABrokenChecksum() {
        assertRejected(FULL.replace("0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
                "0x70997970c51812dc3A010C7d01b50e0d17dc79C8"), "address");
    }

    private static void assertRejected(String text, String field) {
        assertThatThrownBy(() -> SiweMessageParser.parse(text))
                .isInstanceOfSatisfying(SignInRejected.class, rejected -> {
                    assertThat(rejected.field()).isEqualTo(field);
                    assertThat(rejected.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                });
    }
}
