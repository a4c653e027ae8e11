package com.computemarket.verification.results.model;

/**
 * A commitment or reveal that the lease's current state does not allow. {@code problem} is a stable slug for the
 * problem type; {@code field} names the request field at fault, or is null when the timing is at fault.
 */
public class IllegalResultMove extends RuntimeException {

    private final String problem;
    private final String field;

    public IllegalResultMove(String problem, String detail, String field) {
        super(detail);
        this.problem = problem;
        this.field = field;
    }

    public String problem() {
        return problem;
    }

    public String field() {
        return field;
    }
}
