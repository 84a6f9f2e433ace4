package dev.autodiff.cli;

/** A command line the tool cannot act on; the message says what was expected. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
