package com.computemarket.gateway.auth;

import org.springframework.http.HttpStatus;

/**
 * A sign-in attempt that must not yield a token. {@code slug} becomes the problem type, {@code field} names the
 * offending part of the request or message.
 */
public final class SignInRejected extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String field;

    SignInRejected(HttpStatus status, String slug, String field, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.field = field;
    }

    static SignInRejected malformed(String field, String detail) {
        return new SignInRejected(HttpStatus.BAD_REQUEST, "malformed-sign-in", field, detail);
    }

    static SignInRejected refused(String field, String detail) {
        return new SignInRejected(HttpStatus.UNAUTHORIZED, "sign-in-refused", field, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String field() {
        return field;
    }
}
