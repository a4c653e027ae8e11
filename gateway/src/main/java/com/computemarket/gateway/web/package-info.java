/**
 * RFC 9457 problem+json responses the gateway itself produces (bad sign-in input, rejected sign-ins).
 */
package com.computemarket.gateway.web;
