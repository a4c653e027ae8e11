/**
 * What every service's REST API does the same way: the caller is the Ethereum address in the gateway's JWT
 * (never an address from a request body), and every error is an RFC 9457 problem naming the offending field.
 */
package com.computemarket.api;
