package com.computemarket.escrow.stake.model;

/** A stake move that the stake's state does not allow (releasing collateral twice, slashing more than is locked). */
public class IllegalStakeMoveException extends RuntimeException {

    public IllegalStakeMoveException(String message) {
        super(message);
    }
}
