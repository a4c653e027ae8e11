package com.computemarket.escrow.accounts.application;

/**
 * Deposits reversed by reorgs, per confirmation generation, kept so that each generation is reversed once and never
 * credited after its reversal.
 */
public interface DepositReversalStore {

    boolean contains(DepositKey deposit);

    void insert(DepositReversal reversal);
}
