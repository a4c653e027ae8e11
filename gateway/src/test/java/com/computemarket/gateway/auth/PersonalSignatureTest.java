package com.computemarket.gateway.auth;

import static com.computemarket.gateway.auth.SiweMessages.DEV_ADDRESS_1;
import static com.computemarket.gateway.auth.SiweMessages.DEV_KEY_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class PersonalSignatureTest {

    private static final String MESSAGE = SiweMessages.message("localhost:8080", DEV_ADDRESS_1, 31337,
            "k3VQ9xTqZb7LmP2sWc8RfYhA", Instant.parse("2026-11-26T11:00:00Z"), null);

    @Test
    void recoversTheSignerOfAPersonalSignSignature() {
        PersonalSignature signature = PersonalSignature.parse(SiweMessages.sign(MESSAGE, DEV_KEY_1));

        assertThat(signature.recoverSigner(MESSAGE)).isEqualTo(DEV_ADDRESS_1.toLowerCase());
        assertThat(signature.isBy(DEV_ADDRESS_1, MESSAGE)).isTrue();
        assertThat(signature.isBy(DEV_ADDRESS_1.toLowerCase(), MESSAGE)).isTrue();
    }

    @Test
    void aChangedMessageRecoversSomeoneElse() {
        PersonalSignature signature = PersonalSignature.parse(SiweMessages.sign(MESSAGE, DEV_KEY_1));

        assertThat(signature.isBy(DEV_ADDRESS_1, MESSAGE.replace("31337", "31338"))).isFalse();
    }

    @Test
    void acceptsTheBareRecoveryIdAsV() {
        String signed = SiweMessages.sign(MESSAGE, DEV_KEY_1);
        int v = Integer.parseInt(signed.substring(130), 16);
        String bareV = signed.substring(0, 130) + String.format("%02x", v - 27);

        assertThat(PersonalSignature.parse(bareV).isBy(DEV_ADDRESS_1, MESSAGE)).isTrue();
    }

    @Test
    void rejectsMalformedSignatures() {
        String signed = SiweMessages.sign(MESSAGE, DEV_KEY_1);
        for (String bad : new String[] {null, "", "0x1234", signed.substring(2), signed + "00",
                signed.substring(0, 130) + "1d", signed.substring(0, 10) + "zz" + signed.substring(12)}) {
            assertThatThrownBy(() -> PersonalSignature.parse(bad))
                    .isInstanceOfSatisfying(SignInRejected.class, rejected -> {
                        assertThat(rejected.field()).isEqualTo("signature");
                        assertThat(rejected.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    });
        }
    }

    @Test
    void anUnrecoverableSignatureIsRefusedNotAnError() {
        String zeros = "0x" + "0".repeat(128) + "1b";

        assertThatThrownBy(() -> PersonalSignature.parse(zeros).recoverSigner(MESSAGE))
                .isInstanceOfSatisfying(SignInRejected.class, rejected -> {
                    assertThat(rejected.field()).isEqualTo("signature");
                    assertThat(rejected.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
                });
    }
}
