package com.computemarket.chain.settlements;

import com.computemarket.events.SettlementRecorded;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The Merkle leaf of a settlement, as OpenZeppelin's {@code StandardMerkleTree} computes it for the types
 * {@code ["bytes32","address","address","uint256","uint256","uint256"]}:
 * <pre>
 * keccak256(bytes.concat(keccak256(abi.encode(
 *     bytes32 settlementId, address consumer, address provider,
 *     uint256 providerPayout, uint256 protocolFee, uint256 consumerRefund))))
 * </pre>
 * {@code settlementId} as bytes32 is the UUID's 16 bytes (most significant first) left-padded with 16 zero bytes,
 * i.e. the UUID read as a 128-bit unsigned big-endian number.
 */
public final class SettlementLeaf {

    private SettlementLeaf() {
    }

    public static byte[] of(SettlementRecorded settlement) {
        return of(settlement.settlementId(), settlement.consumer(), settlement.provider(), settlement.providerPayout(),
                settlement.protocolFee(), settlement.consumerRefund());
    }

    public static byte[] of(UUID settlementId, String consumer, String provider, BigInteger providerPayout,
            BigInteger protocolFee, BigInteger consumerRefund) {
        String encoded = TypeEncoder.encode(new Bytes32(settlementIdWord(settlementId)))
                + TypeEncoder.encode(new Address(consumer))
                + TypeEncoder.encode(new Address(provider))
                + TypeEncoder.encode(new Uint256(providerPayout))
                + TypeEncoder.encode(new Uint256(protocolFee))
                + TypeEncoder.encode(new Uint256(consumerRefund));
        return Hash.sha3(Hash.sha3(Numeric.hexStringToByteArray(encoded)));
    }

    /** The UUID as a bytes32 word: 16 zero bytes, then the UUID's 16 bytes big-endian. */
    public static byte[] settlementIdWord(UUID settlementId) {
        return ByteBuffer.allocate(32)
                .putLong(16, settlementId.getMostSignificantBits())
                .putLong(24, settlementId.getLeastSignificantBits())
                .array();
    }
}
