package com.computemarket.chain.contracts;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Adapter for {@code SettlementAnchor}: write-once Merkle roots per settlement batch, and proof checks. */
public final class SettlementAnchorContract {

    public static final String NAME = "SettlementAnchor";
    public static final byte[] ANCHORER_ROLE = Hash.sha3("ANCHORER_ROLE".getBytes(StandardCharsets.UTF_8));

    /** {@code event BatchAnchored(uint256 indexed batchId, bytes32 root, uint32 itemCount)} */
    public static final Event BATCH_ANCHORED = new Event("BatchAnchored",
            List.of(new TypeReference<Uint256>(true) { }, new TypeReference<Bytes32>() { },
                    new TypeReference<Uint32>() { }));
    public static final String BATCH_ANCHORED_TOPIC = EventEncoder.encode(BATCH_ANCHORED);

    private final ChainClient chain;
    private final String address;

    public SettlementAnchorContract(ChainClient chain, String address) {
        this.chain = chain;
        this.address = address;
    }

    /** {@code constructor(address admin, address anchorer)} */
    static String constructorArguments(String admin, String anchorer) {
        return FunctionEncoder.encodeConstructor(List.of(new Address(admin), new Address(anchorer)));
    }

    /** {@code anchor(uint256 batchId, bytes32 root, uint32 itemCount)}, ANCHORER_ROLE only, once per batch. */
    public TransactionReceipt anchor(Credentials anchorer, long batchId, byte[] root, int itemCount) {
        return chain.send(anchorer, address, anchorFunction(batchId, root, itemCount));
    }

    /** The calldata of {@link #anchor}, for the transaction journal. */
    public static String anchorCalldata(long batchId, byte[] root, int itemCount) {
        return FunctionEncoder.encode(anchorFunction(batchId, root, itemCount));
    }

    private static Function anchorFunction(long batchId, byte[] root, int itemCount) {
        return new Function("anchor", List.of(new Uint256(batchId), new Bytes32(root), new Uint32(itemCount)),
                List.of());
    }

    /** {@code rootOf(uint256 batchId) returns (bytes32)}: all zeroes for a batch never anchored. */
    public byte[] rootOf(long batchId) {
        Function rootOf = new Function("rootOf", List.of(new Uint256(batchId)), List.of(new TypeReference<Bytes32>() { }));
        return ((Bytes32) chain.call(address, rootOf).getFirst()).getValue();
    }

    /** {@code itemCountOf(uint256 batchId) returns (uint32)} */
    public int itemCountOf(long batchId) {
        Function itemCountOf = new Function("itemCountOf", List.of(new Uint256(batchId)),
                List.of(new TypeReference<Uint32>() { }));
        return ((Uint32) chain.call(address, itemCountOf).getFirst()).getValue().intValueExact();
    }

    /** {@code verify(uint256 batchId, bytes32[] proof, bytes32 leaf) returns (bool)} */
    public boolean verify(long batchId, List<byte[]> proof, byte[] leaf) {
        Function verify = new Function("verify",
                List.of(new Uint256(batchId), new DynamicArray<>(Bytes32.class, proof.stream().map(Bytes32::new).toList()),
                        new Bytes32(leaf)),
                List.of(new TypeReference<Bool>() { }));
        return ((Bool) chain.call(address, verify).getFirst()).getValue();
    }

    /** The BatchAnchored log of {@code batchId}, searched from {@code fromBlock} to the head. */
    public Optional<Log> anchoredLog(long batchId, long fromBlock) {
        String batchTopic = "0x" + TypeEncoder.encode(new Uint256(BigInteger.valueOf(batchId)));
        return chain.logs(address, BATCH_ANCHORED_TOPIC, Optional.of(batchTopic), fromBlock, chain.headBlock())
                .stream().findFirst();
    }

    public String address() {
        return address;
    }
}
