package com.computemarket.verification.results.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommitmentTest {

    private static final UUID JOB = UUID.fromString("0b6f2f64-6a0e-4a47-9a43-2a3c9d1e7f10");
    private static final Bytes32 DIGEST =
            new Bytes32("0x9c22ff5f21f0b81b113e63f7db6da94fedef11b2119b4088b89664fb9a3cb658");
    private static final Bytes32 SALT = new Bytes32("0x" + "11".repeat(32));

    @Test
    void equalsTheKeccakOfJobIdDigestAndSaltComputedByAnIndependentImplementation() {
        // from node: keccak256(concat(jobId 16 bytes, digest, salt)) with npm ethereum-cryptography/keccak
        assertThat(Commitment.of(JOB, DIGEST, SALT).hex())
                .isEqualTo("0x76a078ab7b3cfbd7cc63e11392c1c55fba6f575b59d9d9af8388ebcf0b4c22c4");
    }

    @Test
    void changesWithTheJobSoAnotherJobsCommitmentCannotBeReused() {
        UUID otherJob = UUID.fromString("0b6f2f64-6a0e-4a47-9a43-2a3c9d1e7f11");

        assertThat(Commitment.of(otherJob, DIGEST, SALT)).isNotEqualTo(Commitment.of(JOB, DIGEST, SALT));
    }

    @Test
    void hexComparesCaseInsensitively() {
        assertThat(new Bytes32(DIGEST.hex().toUpperCase().replace("0X", "0x"))).isEqualTo(DIGEST);
    }

    @Test
    void refusesHexThatIsNotThirtyTwoBytes() {
        assertThatThrownBy(() -> new Bytes32("0x1234")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bytes32("9c22ff5f21f0b81b113e63f7db6da94fedef11b2119b4088b89664fb9a3cb658"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bytes32("0x" + "zz".repeat(32))).isInstanceOf(IllegalArgumentException.class);
    }
}
