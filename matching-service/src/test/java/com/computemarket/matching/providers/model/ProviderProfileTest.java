package com.computemarket.matching.providers.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.computemarket.matching.resources.ResourceAmounts;
import com.computemarket.matching.resources.ResourceSpec;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProviderProfileTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final ProviderProfile profile = ProviderProfile.firstSeen("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");

    @Test
    void aNewProviderHasNoStakeAndTheDefaultScore() {
        assertThat(profile.bondedStake()).isZero();
        assertThat(profile.reputationScore()).isEqualTo(500);
        assertThat(profile.standing().nodes()).isEmpty();
    }

    @Test
    void registeredNodesMakeUpItsStanding() {
        profile.registerNode(UUID.randomUUID(), "gpu-1", new ResourceSpec(16000, 65536, 2), "H100", 81920,
                "eu-west", Map.of("tee", "sgx"), NOW);
        profile.noteStakeBonded(new BigInteger("100000000000000000000"));

        BidderStanding standing = profile.standing();

        assertThat(standing.nodes()).singleElement().satisfies(node -> {
            assertThat(node.capacity()).isEqualTo(new ResourceSpec(16000, 65536, 2));
            assertThat(node.free()).isEqualTo(ResourceAmounts.of(node.capacity()));
            assertThat(node.gpuModel()).isEqualTo("H100");
            assertThat(node.gpuVramMb()).isEqualTo(81920);
            assertThat(node.attributes()).containsEntry("tee", "sgx");
        });
        assertThat(standing.bondedStake()).isEqualTo(new BigInteger("100000000000000000000"));
    }

    @Test
    void nodeNamesAreUniquePerProvider() {
        profile.registerNode(UUID.randomUUID(), "n1", new ResourceSpec(1000, 1024, 0), null, 0, "eu",
                Map.of(), NOW);

        assertThatThrownBy(() -> profile.registerNode(UUID.randomUUID(), "n1", new ResourceSpec(1000, 1024, 0), null,
                0, "eu", Map.of(), NOW)).isInstanceOf(NodeNameTaken.class);
    }

    @Test
    void scoresAreClampedToTheScale() {
        profile.noteReputationUpdated(1200);
        assertThat(profile.reputationScore()).isEqualTo(1000);
        profile.noteReputationUpdated(-5);
        assertThat(profile.reputationScore()).isZero();
    }
}
