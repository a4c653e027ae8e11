package com.computemarket.api;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/** Turns every refusal into problem+json that names the offending field; bad input is never a 500. */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> onApiProblem(ApiProblem problem) {
        return ResponseEntity.status(problem.status())
                .body(Problems.of(problem.status(), problem.slug(), problem.status().getReasonPhrase(),
                        problem.getMessage(), problem.field()));
    }

    @ExceptionHandler(NotFoundOrNotYours.class)
    ResponseEntity<ProblemDetail> onNotFound(NotFoundOrNotYours notFound) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", notFound.getMessage(),
                        notFound.field()));
    }

    /**
     * Two requests raced for the same row (a unique key, an optimistic version): the loser is told to retry,
     * and its transaction changed nothing.
     */
    @ExceptionHandler({DataIntegrityViolationException.class, ConcurrencyFailureException.class})
    ResponseEntity<ProblemDetail> onConcurrentChange(RuntimeException conflict) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(Problems.of(HttpStatus.CONFLICT, "concurrent-change", "Conflict",
                        "Another request changed the same data at the same time; nothing was changed, retry.", null));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> onTypeMismatch(MethodArgumentTypeMismatchException mismatch) {
        return badRequest(List.of(error(mismatch.getName(), "has an invalid value '" + mismatch.getValue() + "'")));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException invalid,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = invalid.getBindingResult().getFieldErrors().stream()
                .map(fieldError -> error(fieldError.getField(), messageOf(fieldError)))
                .collect(Collectors.toList());
        invalid.getBindingResult().getGlobalErrors().forEach(
                global -> errors.add(error(global.getObjectName(), String.valueOf(global.getDefaultMessage()))));
        return ResponseEntity.badRequest().body(Problems.invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException invalid,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = invalid.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> error(result.getMethodParameter().getParameterName(),
                                String.valueOf(error.getDefaultMessage()))))
                .collect(Collectors.toList());
        return ResponseEntity.badRequest().body(Problems.invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = unreadable.getCause() instanceof JacksonException jackson ? pathOf(jackson) : null;
        String message = field == null ? "is not readable JSON" : "has a value of the wrong type or format";
        return ResponseEntity.badRequest().body(Problems.invalid(List.of(error(field == null ? "body" : field, message))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException missing,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(Problems.invalid(List.of(error(missing.getParameterName(), "is required"))));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> onMissingHeader(MissingRequestHeaderException missing) {
        return badRequest(List.of(error(missing.getHeaderName(), "header is required")));
    }

    private static ResponseEntity<ProblemDetail> badRequest(List<Map<String, String>> errors) {
        return ResponseEntity.badRequest().body(Problems.invalid(errors));
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    private static String messageOf(FieldError fieldError) {
        return fieldError.getDefaultMessage() == null ? "is invalid" : fieldError.getDefaultMessage();
    }

    /** Jackson knows where in the document it failed: {@code resources.cpuMillicores}, {@code items[2].price}. */
    private static String pathOf(JacksonException jackson) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : jackson.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }
}
