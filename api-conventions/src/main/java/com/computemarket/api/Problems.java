package com.computemarket.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the problem details every service answers with. */
public final class Problems {
    private static final String TYPE_PREFIX = "https://computemarket.dev/problems/";

    public static URI type(String slug) {
        return URI.create(TYPE_PREFIX + slug);
    }

    public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        problem.setTitle(title);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    /** A 400 for invalid input; {@code errors} lists every offending field, {@code field} names the first. */
    public static ProblemDetail invalid(List<Map<String, String>> errors) {
        String first = errors.isEmpty() ? null : errors.getFirst().get("field");
        String detail = errors.isEmpty()
                ? "The request is invalid."
                : errors.stream().map(error -> error.get("field") + ": " + error.get("message"))
                        .reduce((a, b) -> a + "; " + b).orElseThrow();
        ProblemDetail problem = of(HttpStatusCode.valueOf(400), "invalid-request", "Invalid request", detail, first);
        problem.setProperty("errors", errors);
        return problem;
    }

    private Problems() {
    }
}
