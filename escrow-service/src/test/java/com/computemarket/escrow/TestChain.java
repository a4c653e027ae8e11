package com.computemarket.escrow;

import com.computemarket.testsupport.AnvilNode;
import com.computemarket.testsupport.DevAccounts;
import com.computemarket.testsupport.TestInfrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JVM's real Anvil with a real ERC-20 on it: chain-indexer's {@code TestToken} (OpenZeppelin ERC20, owner-only
 * mint), deployed once by Anvil's unlocked development deployer. {@code chain/TestToken.bin} is the creation bytecode
 * chain-indexer's build compiles from {@code chain-indexer/src/main/solidity/TestToken.sol}.
 */
public final class TestChain {

    /** The confirmations reconciliation uses by default ({@code escrow.reconciliation.confirmations}). */
    public static final int CONFIRMATIONS = 2;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static String token;

    public static AnvilNode anvil() {
        return TestInfrastructure.shared().anvil();
    }

    /** The token's address, deploying it on first use. */
    public static synchronized String token() {
        if (token == null) {
            String deployer = DevAccounts.DEPLOYER.address();
            String data = bytecode() + FunctionEncoder.encodeConstructor(List.of(new Address(deployer)));
            String txHash = send("{\"from\":\"" + deployer + "\",\"data\":\"" + data + "\",\"gas\":\"0x2dc6c0\"}");
            token = result(anvil().rpc("eth_getTransactionReceipt", "[\"" + txHash + "\"]")).get("contractAddress")
                    .asString();
            // buried under the confirmations reconciliation reads behind the head, so it exists where it looks
            anvil().mine(CONFIRMATIONS);
        }
        return token;
    }

    /** Mints {@code amount} to {@code holder} in a block of its own (Anvil mines one per transaction). */
    public static void mint(String holder, BigInteger amount) {
        String data = FunctionEncoder.encode(new Function("mint",
                List.of(new Address(holder), new Uint256(amount)), List.of()));
        send("{\"from\":\"" + DevAccounts.DEPLOYER.address() + "\",\"to\":\"" + token() + "\",\"data\":\"" + data
                + "\",\"gas\":\"0x30d40\"}");
    }

    /**
     * {@code holder} transfers {@code amount} of the token to {@code recipient} (Anvil impersonates it and gives it
     * gas), in a block of its own: how the vault pays a withdrawal out, as far as its token balance shows.
     */
    public static void transfer(String holder, String recipient, BigInteger amount) {
        result(anvil().rpc("anvil_impersonateAccount", "[\"" + holder + "\"]"));
        try {
            result(anvil().rpc("anvil_setBalance", "[\"" + holder + "\", \"0x56bc75e2d63100000\"]"));
            String data = FunctionEncoder.encode(new Function("transfer",
                    List.of(new Address(recipient), new Uint256(amount)), List.of()));
            send("{\"from\":\"" + holder + "\",\"to\":\"" + token() + "\",\"data\":\"" + data
                    + "\",\"gas\":\"0x30d40\"}");
        } finally {
            result(anvil().rpc("anvil_stopImpersonatingAccount", "[\"" + holder + "\"]"));
        }
    }

    /** The holder's balance at the head block. */
    public static BigInteger balanceOf(String holder) {
        String data = FunctionEncoder.encode(new Function("balanceOf", List.of(new Address(holder)), List.of()));
        String answer = result(anvil().rpc("eth_call",
                "[{\"to\":\"" + token() + "\",\"data\":\"" + data + "\"},\"latest\"]")).asString();
        return new BigInteger(answer.substring(2), 16);
    }

    private static String send(String transaction) {
        return result(anvil().rpc("eth_sendTransaction", "[" + transaction + "]")).asString();
    }

    private static JsonNode result(String response) {
        JsonNode answer = JSON.readTree(response);
        if (answer.has("error")) {
            throw new IllegalStateException("Anvil refused: " + answer.get("error"));
        }
        return answer.get("result");
    }

    private static String bytecode() {
        try (InputStream in = TestChain.class.getResourceAsStream("/chain/TestToken.bin")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestChain() {
    }
}
