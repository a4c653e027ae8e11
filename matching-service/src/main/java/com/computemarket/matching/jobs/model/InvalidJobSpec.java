package com.computemarket.matching.jobs.model;

/** A job spec breaks a rule; {@code field} names the request field to blame. */
public class InvalidJobSpec extends RuntimeException {

    private final String field;

    public InvalidJobSpec(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
