package com.computemarket.chain.settlements;

import static org.assertj.core.api.Assertions.assertThat;

import com.computemarket.events.EventExamples;
import com.computemarket.events.EventType;
import com.computemarket.events.SettlementRecorded;
import java.math.BigInteger;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SettlementLeafTest {

    private final SettlementRecorded example = JsonMapper.builder().build()
            .readValue(EventExamples.json(EventType.SETTLEMENT_RECORDED), SettlementRecorded.class);

    @Test
    void settlementIdWordIsTheUuidBigEndianLeftPaddedTo32Bytes() {
        byte[] word = SettlementLeaf.settlementIdWord(UUID.fromString("c3a0e7b2-51f4-4d0e-9e2a-8b7c6d5e4f30"));

        assertThat(Hex.of(word))
                .isEqualTo("0x00000000000000000000000000000000c3a0e7b251f44d0e9e2a8b7c6d5e4f30");
    }

    /**
     * Vector from {@code @openzeppelin/merkle-tree} 1.0.8: {@code StandardMerkleTree.of([v], ["bytes32","address",
     * "address","uint256","uint256","uint256"]).leafHash(v)} for the SettlementRecorded example.
     */
    @Test
    void leafOfTheExampleMatchesOpenZeppelinsStandardMerkleTreeLeaf() {
        assertThat(Hex.of(SettlementLeaf.of(example)))
                .isEqualTo("0x7f11e159cb4204f40a7b721155b594b091c960ea0d315b826529d4225bf6bc23");
    }

    @Test
    void everyCommittedFieldChangesTheLeaf() {
        byte[] leaf = SettlementLeaf.of(example);

        assertThat(SettlementLeaf.of(UUID.randomUUID(), example.consumer(), example.provider(),
                example.providerPayout(), example.protocolFee(), example.consumerRefund())).isNotEqualTo(leaf);
        assertThat(SettlementLeaf.of(example.settlementId(), example.provider(), example.consumer(),
                example.providerPayout(), example.protocolFee(), example.consumerRefund())).isNotEqualTo(leaf);
        assertThat(SettlementLeaf.of(example.settlementId(), example.consumer(), example.provider(),
                example.providerPayout().add(BigInteger.ONE), example.protocolFee(), example.consumerRefund()))
                .isNotEqualTo(leaf);
        assertThat(SettlementLeaf.of(example.settlementId(), example.consumer(), example.provider(),
                example.providerPayout(), example.protocolFee(), BigInteger.ONE)).isNotEqualTo(leaf);
    }
}
