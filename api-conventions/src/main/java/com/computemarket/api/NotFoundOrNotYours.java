package com.computemarket.api;

/**
 * An id that does not exist or belongs to someone else. Both answer 404 alike, so a caller cannot learn
 * which ids exist by trying other parties' ids.
 */
public class NotFoundOrNotYours extends RuntimeException {
    private final String field;

    public NotFoundOrNotYours(String what, Object id, String field) {
        super("No " + what + " " + id + " for this caller");
        this.field = field;
    }

    public String field() {
        return field;
    }
}
