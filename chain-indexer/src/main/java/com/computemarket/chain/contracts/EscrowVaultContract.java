package com.computemarket.chain.contracts;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/** Adapter for {@code EscrowVault}: deposits in, operator withdrawals out, admin pauses. */
public final class EscrowVaultContract {

    public static final String NAME = "EscrowVault";
    public static final byte[] OPERATOR_ROLE = Hash.sha3("OPERATOR_ROLE".getBytes(StandardCharsets.UTF_8));
    public static final byte[] DEFAULT_ADMIN_ROLE = new byte[32];

    /** {@code event Deposit(address indexed account, uint256 amount)} */
    public static final Event DEPOSIT = new Event("Deposit",
            List.of(new TypeReference<Address>(true) { }, new TypeReference<Uint256>() { }));
    public static final String DEPOSIT_TOPIC = EventEncoder.encode(DEPOSIT);

    private final ChainClient chain;
    private final String address;

    public EscrowVaultContract(ChainClient chain, String address) {
        this.chain = chain;
        this.address = address;
    }

    /** {@code constructor(address token, address admin, address operator)} */
    static String constructorArguments(String token, String admin, String operator) {
        return FunctionEncoder.encodeConstructor(List.of(new Address(token), new Address(admin), new Address(operator)));
    }

    /** {@code deposit(uint256 amount)}: pulls {@code amount} from the signer, who approved the vault beforehand. */
    public TransactionReceipt deposit(Credentials depositor, BigInteger amount) {
        return chain.send(depositor, address, new Function("deposit", List.of(new Uint256(amount)), List.of()));
    }

    /** {@code hasRole(bytes32 role, address account) returns (bool)} */
    public boolean hasRole(byte[] role, String account) {
        Function hasRole = new Function("hasRole", List.of(new Bytes32(role), new Address(account)),
                List.of(new TypeReference<Bool>() { }));
        return ((Bool) chain.call(address, hasRole).getFirst()).getValue();
    }

    /** Deposit logs in the inclusive block range, in chain order. */
    public List<DepositLog> depositsBetween(long fromBlock, long toBlock) {
        return chain.logs(address, DEPOSIT_TOPIC, Optional.empty(), fromBlock, toBlock).stream()
                .filter(log -> !Boolean.TRUE.equals(log.isRemoved()))
                .map(EscrowVaultContract::decodeDeposit)
                .toList();
    }

    static DepositLog decodeDeposit(Log log) {
        String account = FunctionReturnDecoder.decodeIndexedValue(log.getTopics().get(1), new TypeReference<Address>() { })
                .getValue().toString();
        BigInteger amount = ((Uint256) FunctionReturnDecoder.decode(log.getData(), DEPOSIT.getNonIndexedParameters())
                .getFirst()).getValue();
        return new DepositLog(log.getTransactionHash(), log.getLogIndex().longValueExact(),
                log.getBlockNumber().longValueExact(), Keys.toChecksumAddress(account), amount);
    }

    public String address() {
        return address;
    }

    /** One decoded {@code Deposit} log. */
    public record DepositLog(String txHash, long logIndex, long blockNumber, String account, BigInteger amount) {

        public DepositLog {
            txHash = Numeric.prependHexPrefix(txHash).toLowerCase(Locale.ROOT);
        }
    }
}
