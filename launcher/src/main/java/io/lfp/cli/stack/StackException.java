package io.lfp.cli.stack;

/** A stack could not be started or inspected; the message is meant for the person at the terminal. */
public class StackException extends RuntimeException {
    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
