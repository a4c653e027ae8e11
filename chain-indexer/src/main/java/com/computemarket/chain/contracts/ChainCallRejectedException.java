package com.computemarket.chain.contracts;

/** The node answered but refused the call or transaction (revert, bad nonce, ...): retrying the same call is futile. */
public class ChainCallRejectedException extends RuntimeException {

    ChainCallRejectedException(String message) {
        super(message);
    }
}
