package io.lfp.cli;

/** The command line could not be understood; the launcher prints the message and the usage, exit status 2. */
public class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
