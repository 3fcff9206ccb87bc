package org.zinfer.cli;

import org.zinfer.formats.InputException;

import java.util.function.Supplier;

/** Flag checks shared by commands, and the library's IllegalArgumentException about flag values as a one-line input error. */
final class Flags {
    private Flags() {
    }

    static <T> T check(Supplier<T> construction) {
        try {
            return construction.get();
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage(), e);
        }
    }

    /** --engine: true for "fast", false for "reference", an input error for anything else. */
    static boolean fastEngine(String engine) {
        if (!engine.equals("fast") && !engine.equals("reference")) {
            throw new InputException("--engine must be fast or reference, not '" + engine + "'");
        }
        return engine.equals("fast");
    }
}
