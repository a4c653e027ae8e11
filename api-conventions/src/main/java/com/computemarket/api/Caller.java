package com.computemarket.api;

/**
 * The party making a request: the EIP-55 address the gateway put in the JWT subject after a Sign-In with Ethereum.
 * Controllers take it as a method argument; it is the only source of "who is acting".
 */
public record Caller(String address) {
}
