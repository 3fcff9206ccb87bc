package org.zinfer.formats.io;

import htsjdk.samtools.util.BlockCompressedInputStream;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.zinfer.formats.InputException;

/** Opens text files that may be plain, gzip or bgzip compressed. */
public final class TextFiles {
    private TextFiles() {
    }

    public static BufferedReader open(Path path) throws IOException {
        InputStream in;
        try {
            in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new InputException("file not found: " + path);
        }
        if (BlockCompressedInputStream.isValidFile(in)) {
            in = new BlockCompressedInputStream(in);
        } else if (isGzip(in)) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b;
    }
}
