package com.computemarket.api;

import org.springframework.http.HttpStatus;

/**
 * A request the service understood but refuses, answered as problem+json with a stable type
 * {@code https://computemarket.dev/problems/<slug>} and, where one field is to blame, its name.
 */
public class ApiProblem extends RuntimeException {
    private final HttpStatus status;
    private final String slug;
    private final String field;

    public ApiProblem(HttpStatus status, String slug, String detail, String field) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.field = field;
    }

    public ApiProblem(HttpStatus status, String slug, String detail) {
        this(status, slug, detail, null);
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
