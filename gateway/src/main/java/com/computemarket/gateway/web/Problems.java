package com.computemarket.gateway.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds the project's problem+json bodies: a stable type URI per kind of problem and the offending field.
 */
public final class Problems {

    private static final String TYPE_BASE = "https://computemarket.dev/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String slug, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + slug));
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }
}
