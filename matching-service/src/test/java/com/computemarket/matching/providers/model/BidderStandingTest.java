package com.computemarket.matching.providers.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.computemarket.matching.resources.ResourceAmounts;
import com.computemarket.matching.resources.ResourceSpec;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class BidderStandingTest {

    private final List<NodeOffer> nodes = TestNodes.idle(new ResourceSpec(8000, 16384, 0),
            new ResourceSpec(4000, 8192, 0));
    private final BidderStanding standing = new BidderStanding("0x90F79bf6EB2c4f870365E785982E1f101E93b906",
            BigInteger.TEN, 700, nodes);

    @Test
    void aReservationTakesFromItsNodeOnly() {
        BidderStanding after = standing.reserve(nodes.getFirst().nodeId(), new ResourceSpec(3000, 1024, 0));

        assertThat(after.nodes().getFirst().free()).isEqualTo(new ResourceAmounts(5000, 15360, 0, 0));
        assertThat(after.nodes().get(1)).isEqualTo(nodes.get(1));
        assertThat(after.bondedStake()).isEqualTo(BigInteger.TEN);
        assertThat(after.reputationScore()).isEqualTo(700);
        assertThat(standing.nodes().getFirst().free()).as("the earlier standing is unchanged")
                .isEqualTo(ResourceAmounts.of(nodes.getFirst().capacity()));
    }

    @Test
    void aReservationBeyondWhatIsFreeIsRefused() {
        BidderStanding full = standing.reserve(nodes.get(1).nodeId(), new ResourceSpec(4000, 1024, 0));

        assertThatThrownBy(() -> full.reserve(nodes.get(1).nodeId(), new ResourceSpec(1, 1, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
