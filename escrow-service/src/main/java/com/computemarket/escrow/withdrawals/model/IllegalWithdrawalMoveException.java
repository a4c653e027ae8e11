package com.computemarket.escrow.withdrawals.model;

/** An answer about a withdrawal contradicts what escrow knows of it (executed after failing, another amount...). */
public class IllegalWithdrawalMoveException extends RuntimeException {

    public IllegalWithdrawalMoveException(String message) {
        super(message);
    }
}
