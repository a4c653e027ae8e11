package com.computemarket.chain.contracts;

/** The node could not be reached or did not answer in time: worth retrying. */
public class ChainUnavailableException extends RuntimeException {

    ChainUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
