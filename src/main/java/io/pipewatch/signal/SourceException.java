package io.pipewatch.signal;

/** A source could not answer a read; the message is safe to show (no credentials, no secrets). */
public class SourceException extends Exception {

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
