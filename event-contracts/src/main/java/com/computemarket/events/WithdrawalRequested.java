package com.computemarket.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/**
 * Escrow accepted a withdrawal signed by its owner and has already debited it; chain-indexer now executes it on the
 * vault with the operator key. The owner signed, with EIP-712, the typed data
 * {@code Withdrawal(address owner,address to,uint256 amount,uint256 nonce,uint256 deadline)} under the domain
 * {@code name "ComputeMarket EscrowVault", version "1", chainId, verifyingContract = vault}. The vault checks the
 * signature again. {@code nonce} is any number the owner has not used before. Nonces are unordered, so one failed
 * withdrawal never blocks the next. {@code deadline} is in Unix seconds.
 */
public record WithdrawalRequested(
        UUID withdrawalId,
        long chainId,
        String vault,
        String account,
        String to,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger amount,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger nonce,
        long deadline,
        String signature,
        Instant requestedAt) implements MarketEvent {

    @Override
    public String aggregateId() {
        return account;
    }
}
