package com.computemarket.api;

/** Claims every service expects in the gateway's access tokens. */
public final class GatewayTokens {
    public static final String ISSUER = "compute-market-gateway";
    public static final String AUDIENCE = "compute-market";

    private GatewayTokens() {
    }
}
