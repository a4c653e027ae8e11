package com.computemarket.api;

import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * The {@value #HEADER} a client sends with a mutating POST so that a retry returns the first outcome instead of
 * acting twice. Keys are scoped to the caller by each service; the same rule for what a key may be holds everywhere.
 */
public record IdempotencyKey(String value) {
    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,100}");

    /**
     * @param header the header's value, null when the client sent none
     * @throws ApiProblem 400 naming the header when it is not 1 to 100 printable ASCII characters without spaces
     */
    public static Optional<IdempotencyKey> fromHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        if (!VALID.matcher(header).matches()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request",
                    HEADER + " must be 1 to 100 printable ASCII characters without spaces.", HEADER);
        }
        return Optional.of(new IdempotencyKey(header));
    }
}
