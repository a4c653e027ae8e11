package com.computemarket.chain.contracts;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Adapter for {@code TestToken} (ERC-20 "CMT", 18 decimals, owner-only mint). */
public final class TestTokenContract {

    public static final String NAME = "TestToken";

    private final ChainClient chain;
    private final String address;

    public TestTokenContract(ChainClient chain, String address) {
        this.chain = chain;
        this.address = address;
    }

    /** {@code constructor(address initialOwner)} */
    static String constructorArguments(String owner) {
        return FunctionEncoder.encodeConstructor(List.of(new Address(owner)));
    }

    /** {@code mint(address to, uint256 amount)}, owner only. */
    public TransactionReceipt mint(Credentials owner, String to, BigInteger amount) {
        return chain.send(owner, address, new Function("mint", List.of(new Address(to), new Uint256(amount)), List.of()));
    }

    /** {@code approve(address spender, uint256 amount) returns (bool)} */
    public TransactionReceipt approve(Credentials holder, String spender, BigInteger amount) {
        return chain.send(holder, address, new Function("approve", List.of(new Address(spender), new Uint256(amount)),
                List.of(new TypeReference<Bool>() { })));
    }

    /** {@code balanceOf(address account) returns (uint256)} */
    public BigInteger balanceOf(String account) {
        Function balanceOf = new Function("balanceOf", List.of(new Address(account)),
                List.of(new TypeReference<Uint256>() { }));
        return ((Uint256) chain.call(address, balanceOf).getFirst()).getValue();
    }

    public String address() {
        return address;
    }
}
