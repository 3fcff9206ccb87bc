package org.zinfer.cli;

import org.zinfer.formats.InputException;

import java.util.function.Supplier;

/** Turns the library's IllegalArgumentException about flag values into a one-line input error. */
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
}
