package com.computemarket.chain.indexing;

/**
 * The node answered a read with an error: for eth_getLogs typically "query returned more than 10000 results" or
 * "response size exceeded", which a smaller block range fixes; repeating the same call does not.
 */
public class ChainReadRejectedException extends RuntimeException {

    ChainReadRejectedException(String message) {
        super(message);
    }
}
