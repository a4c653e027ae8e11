package com.computemarket.escrow.funding.model;

/** An event asked for a move the job's or lease's money cannot make (for example funding a lease of a released job). */
public class IllegalFundingMoveException extends RuntimeException {

    public IllegalFundingMoveException(String message) {
        super(message);
    }
}
