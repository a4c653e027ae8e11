package com.computemarket.gateway.web;

import java.util.List;
import java.util.Map;

import com.computemarket.gateway.auth.SignInRejected;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebInputException;

/**
 * Bad input to the gateway's own endpoints becomes a 4xx problem+json naming the field, never a 500. Ordered before
 * Boot's generic problem-details advice, which would answer binding errors without the field.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemHandlers {

    @ExceptionHandler(SignInRejected.class)
    ResponseEntity<ProblemDetail> signInRejected(SignInRejected rejected) {
        return problem(Problems.of(rejected.status(), rejected.slug(), rejected.getMessage(), rejected.field()));
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ProblemDetail> invalid(WebExchangeBindException invalid) {
        List<Map<String, String>> errors = invalid.getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        FieldError first = invalid.getFieldErrors().isEmpty() ? null : invalid.getFieldErrors().getFirst();
        String field = first != null ? first.getField() : null;
        String detail = first != null ? field + ": " + first.getDefaultMessage() : "The request is invalid";
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation-failed", detail, field);
        problem.setProperty("errors", errors);
        return problem(problem);
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadable(ServerWebInputException unreadable) {
        String detail = unreadable.getCause() instanceof DecodingException
                ? "The request body is not valid JSON of the expected shape"
                : unreadable.getReason();
        return problem(Problems.of(HttpStatus.BAD_REQUEST, "unreadable-request", detail, "body"));
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
