package com.computemarket.chain.deposits;

import com.computemarket.chain.contracts.EscrowVaultContract;
import java.math.BigInteger;
import java.util.Locale;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.Log;

/** One vault {@code Deposit(address indexed account, uint256 amount)} log as the chain holds it now. */
record ChainDeposit(String txHash, long logIndex, long blockNumber, String blockHash, String account,
        BigInteger amount) {

    static ChainDeposit of(Log log) {
        String account = FunctionReturnDecoder.decodeIndexedValue(log.getTopics().get(1),
                new TypeReference<Address>() { }).getValue().toString();
        BigInteger amount = ((Uint256) FunctionReturnDecoder.decode(log.getData(),
                EscrowVaultContract.DEPOSIT.getNonIndexedParameters()).getFirst()).getValue();
        return new ChainDeposit(log.getTransactionHash().toLowerCase(Locale.ROOT), log.getLogIndex().longValueExact(),
                log.getBlockNumber().longValueExact(), log.getBlockHash().toLowerCase(Locale.ROOT),
                Keys.toChecksumAddress(account), amount);
    }
}
