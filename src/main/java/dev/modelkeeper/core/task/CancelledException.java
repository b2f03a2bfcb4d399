package dev.modelkeeper.core.task;

/** Thrown by an operation that stopped because its {@link Cancellation} was triggered. */
public final class CancelledException extends OperationException {

    public CancelledException() {
        super("Cancelled.");
    }
}
