package com.computemarket.escrow;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * Rollback for in-memory stores: inside a unit of work each write records how to undo itself, so that a failed
 * unit leaves nothing behind, as a rolled-back database transaction would. Shared by all stores of one simulated
 * service so that undo runs in the reverse order of all writes.
 */
public final class UndoLog {

    private final Deque<Runnable> undo = new ArrayDeque<>();
    private boolean inUnitOfWork;

    /** Records how to undo a write; outside a unit of work writes are final and nothing is recorded. */
    public void recordUndo(Runnable undoWrite) {
        if (inUnitOfWork) {
            undo.push(undoWrite);
        }
    }

    /** Runs {@code work} as one unit: all its writes stay, or (if it throws) none of them does. */
    public <T> T inUnitOfWork(Supplier<T> work) {
        if (inUnitOfWork) {
            throw new IllegalStateException("units of work do not nest");
        }
        inUnitOfWork = true;
        try {
            T result = work.get();
            undo.clear();
            return result;
        } catch (RuntimeException failed) {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
            throw failed;
        } finally {
            inUnitOfWork = false;
        }
    }

    public void inUnitOfWork(Runnable work) {
        inUnitOfWork(() -> {
            work.run();
            return null;
        });
    }
}
