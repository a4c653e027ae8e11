package com.computemarket.chain.contracts;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/** The hot key this service signs with: it deploys, anchors settlement roots and may withdraw from the vault. */
public record OperatorKey(Credentials credentials) {

    public String address() {
        return Keys.toChecksumAddress(credentials.getAddress());
    }

    @Override
    public String toString() {
        return "OperatorKey[" + address() + "]";
    }
}
