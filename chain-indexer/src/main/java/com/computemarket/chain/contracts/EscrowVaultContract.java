package com.computemarket.chain.contracts;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
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

/** Adapter for {@code EscrowVault}: deposits in, owner-signed withdrawals out (sent by the operator), admin pauses. */
public final class EscrowVaultContract {

    public static final String NAME = "EscrowVault";
    public static final byte[] OPERATOR_ROLE = Hash.sha3("OPERATOR_ROLE".getBytes(StandardCharsets.UTF_8));
    public static final byte[] DEFAULT_ADMIN_ROLE = new byte[32];

    /** {@code event Deposit(address indexed account, uint256 amount)} */
    public static final Event DEPOSIT = new Event("Deposit",
            List.of(new TypeReference<Address>(true) { }, new TypeReference<Uint256>() { }));
    public static final String DEPOSIT_TOPIC = EventEncoder.encode(DEPOSIT);

    /** {@code event Withdrawal(address indexed account, address indexed to, uint256 indexed nonce, uint256 amount)} */
    public static final Event WITHDRAWAL = new Event("Withdrawal",
            List.of(new TypeReference<Address>(true) { }, new TypeReference<Address>(true) { },
                    new TypeReference<Uint256>(true) { }, new TypeReference<Uint256>() { }));
    public static final String WITHDRAWAL_TOPIC = EventEncoder.encode(WITHDRAWAL);

    /** Custom errors of {@code withdrawWithSignature}, by their 4-byte selectors as they appear in revert data. */
    public static final String WITHDRAWAL_EXPIRED = errorSelector("WithdrawalExpired(uint256)");
    public static final String NONCE_ALREADY_USED = errorSelector("NonceAlreadyUsed(address,uint256)");
    public static final String INVALID_SIGNATURE = errorSelector("InvalidSignature()");
    public static final String ENFORCED_PAUSE = errorSelector("EnforcedPause()");

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

    /**
     * Calldata of {@code withdrawWithSignature(address owner, address to, uint256 amount, uint256 nonce,
     * uint256 deadline, bytes signature)}, OPERATOR_ROLE only, for the transaction journal.
     */
    public static String withdrawWithSignatureCalldata(String owner, String to, BigInteger amount, BigInteger nonce,
            long deadline, byte[] signature) {
        return FunctionEncoder.encode(new Function("withdrawWithSignature",
                List.of(new Address(owner), new Address(to), new Uint256(amount), new Uint256(nonce),
                        new Uint256(deadline), new DynamicBytes(signature)),
                List.of()));
    }

    /** {@code nonceUsed(address owner, uint256 nonce) returns (bool)} */
    public boolean nonceUsed(String owner, BigInteger nonce) {
        Function nonceUsed = new Function("nonceUsed", List.of(new Address(owner), new Uint256(nonce)),
                List.of(new TypeReference<Bool>() { }));
        return ((Bool) chain.call(address, nonceUsed).getFirst()).getValue();
    }

    /** {@code pause()}, DEFAULT_ADMIN_ROLE only. */
    public TransactionReceipt pause(Credentials admin) {
        return chain.send(admin, address, new Function("pause", List.of(), List.of()));
    }

    /** {@code unpause()}, DEFAULT_ADMIN_ROLE only. */
    public TransactionReceipt unpause(Credentials admin) {
        return chain.send(admin, address, new Function("unpause", List.of(), List.of()));
    }

    /** The Withdrawal log of {@code owner}'s signed withdrawal {@code nonce}, searched from {@code fromBlock}. */
    public Optional<Log> withdrawalLog(String owner, BigInteger nonce, long fromBlock) {
        return chain.logs(address, WITHDRAWAL_TOPIC, Optional.of("0x" + TypeEncoder.encode(new Address(owner))),
                        fromBlock, chain.headBlock()).stream()
                .filter(log -> Numeric.toBigInt(log.getTopics().get(3)).equals(nonce))
                .filter(log -> !Boolean.TRUE.equals(log.isRemoved()))
                .findFirst();
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

    /** Decodes a {@code Withdrawal} log. */
    public static WithdrawalLog decodeWithdrawal(Log log) {
        String account = FunctionReturnDecoder.decodeIndexedValue(log.getTopics().get(1), new TypeReference<Address>() { })
                .getValue().toString();
        String to = FunctionReturnDecoder.decodeIndexedValue(log.getTopics().get(2), new TypeReference<Address>() { })
                .getValue().toString();
        BigInteger nonce = Numeric.toBigInt(log.getTopics().get(3));
        BigInteger amount = ((Uint256) FunctionReturnDecoder.decode(log.getData(), WITHDRAWAL.getNonIndexedParameters())
                .getFirst()).getValue();
        return new WithdrawalLog(Keys.toChecksumAddress(account), Keys.toChecksumAddress(to), nonce, amount);
    }

    public String address() {
        return address;
    }

    private static String errorSelector(String signature) {
        return Numeric.toHexString(Hash.sha3(signature.getBytes(StandardCharsets.UTF_8))).substring(0, 10);
    }

    /** One decoded {@code Withdrawal} log. */
    public record WithdrawalLog(String account, String to, BigInteger nonce, BigInteger amount) {
    }

    /** One decoded {@code Deposit} log. */
    public record DepositLog(String txHash, long logIndex, long blockNumber, String account, BigInteger amount) {

        public DepositLog {
            txHash = Numeric.prependHexPrefix(txHash).toLowerCase(Locale.ROOT);
        }
    }
}
