package org.zinfer.formats;

/**
 * A problem with what the user gave zinfer (a file, a region, a flag). Its message is one line that names
 * the file, line or region at fault; the command line prints it as it is, without a stack trace.
 */
public class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
