package com.computemarket.escrow.accounts.web;

import com.computemarket.api.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * The statement's opaque cursor: the posting id the next page starts below, versioned and base64url-encoded so
 * that clients pass it back unchanged rather than build it, and its form can change without breaking them.
 */
final class StatementCursor {

    static final String PARAMETER = "cursor";
    private static final Pattern ENCODED = Pattern.compile("v1:([1-9][0-9]{0,18})");

    static String encode(long beforePostingId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("v1:" + beforePostingId).getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws ApiProblem 400 naming {@code cursor} when it is not one this service handed out */
    static Optional<Long> decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return Optional.empty();
        }
        try {
            Matcher matcher = ENCODED.matcher(new String(Base64.getUrlDecoder().decode(cursor),
                    StandardCharsets.US_ASCII));
            if (matcher.matches()) {
                return Optional.of(Long.parseLong(matcher.group(1)));
            }
        } catch (IllegalArgumentException notACursor) {
            // not base64url, or a number beyond long: the same answer as any other foreign string
        }
        throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-cursor",
                "The cursor is not one this statement handed out; pass nextCursor back unchanged.", PARAMETER);
    }

    private StatementCursor() {
    }
}
