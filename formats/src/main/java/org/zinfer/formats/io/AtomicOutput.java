package org.zinfer.formats.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file written under a temporary name beside its final one and renamed into place on {@link #commit()},
 * so that a reader never sees half a file. Closing without commit deletes the temporary file.
 */
public final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path temporary;
    private boolean committed;

    /** Creates the target's directory if it does not exist yet. */
    public AtomicOutput(Path target) {
        this.target = target.toAbsolutePath();
        this.temporary = this.target.resolveSibling("." + this.target.getFileName() + ".partial");
        try {
            Files.createDirectories(this.target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + target, e);
        }
    }

    /** Writes a whole text file (UTF-8) under a temporary name and renames it into place. */
    public static void writeString(Path file, String text) {
        try (AtomicOutput output = new AtomicOutput(file)) {
            Files.writeString(output.temporary(), text, StandardCharsets.UTF_8);
            output.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Where to write until {@link #commit()}. */
    public Path temporary() {
        return temporary;
    }

    public Path target() {
        return target;
    }

    public void commit() {
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + temporary + " to " + target, e);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // best effort: the temporary name is hidden and replaced on the next run
            }
        }
    }
}
