package com.computemarket.chain.indexing;

/** The node could not be reached or did not answer in time: worth retrying (Resilience4j {@code chainRpc}). */
public class ChainReadFailedException extends RuntimeException {

    ChainReadFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
