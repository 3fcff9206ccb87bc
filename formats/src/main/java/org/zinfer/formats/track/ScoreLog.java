package org.zinfer.formats.track;

import org.zinfer.formats.InputException;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The scores of an unfinished scan, kept beside its temporary outputs so that a killed scan can go on where it
 * stopped: a header with the scan's fingerprint (what must not change between the runs), then one record per
 * scored window in scan order: window start (int), then one float per factor. A record cut short by a kill is
 * dropped when the log is reopened; 4 bytes per factor and window.
 */
public final class ScoreLog implements AutoCloseable {
    private static final int MAGIC = 0x5A534C31; // "ZSL1"
    private final Path file;
    private final int factors;
    private final DataOutputStream out;

    private ScoreLog(Path file, int factors, DataOutputStream out) {
        this.file = file;
        this.factors = factors;
        this.out = out;
    }

    /** A new, empty log, replacing any old one. */
    public static ScoreLog create(Path file, String fingerprint, int factors) {
        try {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
            byte[] text = fingerprint.getBytes(StandardCharsets.UTF_8);
            out.writeInt(MAGIC);
            out.writeInt(text.length);
            out.write(text);
            out.writeInt(factors);
            out.flush();
            return new ScoreLog(file, factors, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The fingerprint an existing log was written with; empty when a kill cut even the header short. */
    public static String fingerprint(Path file) {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            return readHeader(in, file).fingerprint();
        } catch (EOFException e) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Reads the whole records of an existing log, drops a cut one, and opens the log to append. */
    public static ScoreLog resume(Path file, Replay replay) {
        long whole;
        int factors;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            Header header = readHeader(in, file);
            factors = header.factors();
            float[] scores = new float[factors];
            long records = 0;
            try {
                while (true) {
                    int start = in.readInt();
                    for (int f = 0; f < factors; f++) {
                        scores[f] = in.readFloat();
                    }
                    replay.accept(start, scores);
                    records++;
                }
            } catch (EOFException end) {
                // a kill may cut the last record; it is scored again
            }
            whole = header.length() + records * recordSize(factors);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(whole);
            OutputStream append = Files.newOutputStream(file, StandardOpenOption.APPEND);
            return new ScoreLog(file, factors, new DataOutputStream(new BufferedOutputStream(append, 1 << 16)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** Receives the logged windows in order: start and scores (the array is reused). */
    public interface Replay {
        void accept(int start, float[] scores);
    }

    public void append(int start, float[] scores, int offset) {
        try {
            out.writeInt(start);
            for (int f = 0; f < factors; f++) {
                out.writeFloat(scores[offset + f]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Hands what was appended to the operating system, where it survives the process being killed. */
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private record Header(String fingerprint, int factors, long length) {
    }

    private static Header readHeader(DataInputStream in, Path file) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new InputException(file + " is not a zinfer score log; remove it or rerun with --restart");
        }
        int length = in.readInt();
        if (length < 0 || length > 1 << 24) {
            throw new InputException(file + " is damaged; rerun with --restart");
        }
        String fingerprint = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        int factors = in.readInt();
        return new Header(fingerprint, factors, 12L + length);
    }

    private static long recordSize(int factors) {
        return 4L + 4L * factors;
    }
}
