package org.zinfer.formats.variant;

import htsjdk.tribble.TribbleException;
import htsjdk.tribble.readers.LineIterator;
import htsjdk.tribble.readers.LineIteratorImpl;
import htsjdk.tribble.readers.SynchronousLineReader;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFCodec;
import htsjdk.variant.vcf.VCFHeader;
import org.zinfer.formats.InputException;
import org.zinfer.formats.io.TextFiles;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a VCF (plain, gzip or bgzip) record by record, keeping each record's original text next to htsjdk's
 * parse of it, so that writers can pass records through unchanged but for what they add. Records must be
 * sorted (contigs in blocks, positions increasing); a malformed or out-of-order line stops reading with its
 * line number.
 */
public final class VcfLineReader implements Closeable {
    /** A record as parsed and as written in the file. */
    public record Record(VariantContext variant, String line, long lineNumber) {
    }

    private final Path path;
    private final BufferedReader reader;
    private final VCFCodec codec = new VCFCodec();
    private final VCFHeader header;
    private final List<String> headerLines = new ArrayList<>();
    private final List<String> finishedContigs = new ArrayList<>();
    private long lineNumber;
    private String contig;
    private int position;

    public VcfLineReader(Path path) {
        this.path = path;
        refuseWindowsLineEnds(path);
        try {
            this.reader = TextFiles.open(path);
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                headerLines.add(line);
                if (line.startsWith("#CHROM")) {
                    break;
                }
                if (!line.startsWith("##")) {
                    throw new InputException(path + " line " + lineNumber + ": expected a VCF header (## lines, then #CHROM)");
                }
            }
            if (headerLines.isEmpty() || !headerLines.get(headerLines.size() - 1).startsWith("#CHROM")) {
                throw new InputException(path + ": no #CHROM header line; is it a VCF file?");
            }
            LineIterator lines = new LineIteratorImpl(new SynchronousLineReader(new java.io.StringReader(String.join("\n", headerLines) + "\n")));
            this.header = (VCFHeader) codec.readActualHeader(lines);
        } catch (TribbleException e) {
            throw new InputException(path + ": bad VCF header: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InputException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** CR LF line ends would leave a CR in every record's last column (htslib keeps it); they are refused. */
    private static void refuseWindowsLineEnds(Path path) {
        try (BufferedReader reader = TextFiles.open(path)) {
            int previous = -1;
            for (int c; (c = reader.read()) != -1; previous = c) {
                if (c == '\n') {
                    if (previous == '\r') {
                        throw new InputException(path + " line 1 ends in CR LF (Windows line ends); convert the file with dos2unix first");
                    }
                    return;
                }
            }
        } catch (IOException e) {
            throw new InputException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    public VCFHeader header() {
        return header;
    }

    /** The header as written: ## lines, then the #CHROM line last. */
    public List<String> headerLines() {
        return headerLines;
    }

    /** The next record, or null at the end of the file. */
    public Record next() {
        try {
            String line = reader.readLine();
            while (line != null && line.isEmpty()) {
                lineNumber++;
                line = reader.readLine();
            }
            if (line == null) {
                return null;
            }
            lineNumber++;
            VariantContext variant = parse(line);
            checkOrder(variant);
            return new Record(variant, line, lineNumber);
        } catch (IOException e) {
            throw new InputException("cannot read " + path + " after line " + lineNumber + ": " + e.getMessage(), e);
        }
    }

    private VariantContext parse(String line) {
        try {
            return codec.decode(line);
        } catch (TribbleException | IllegalArgumentException | IllegalStateException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ");
            throw new InputException(path + " line " + lineNumber + ": malformed VCF record: " + message, e);
        }
    }

    private void checkOrder(VariantContext variant) {
        if (variant.getContig().equals(contig)) {
            if (variant.getStart() < position) {
                throw unsorted(variant, contig + ":" + position);
            }
        } else {
            if (finishedContigs.contains(variant.getContig())) {
                throw unsorted(variant, "later records of contig " + contig);
            }
            if (contig != null) {
                finishedContigs.add(contig);
            }
            contig = variant.getContig();
        }
        position = variant.getStart();
    }

    private InputException unsorted(VariantContext variant, String after) {
        return new InputException(path + " line " + lineNumber + ": records are not sorted (" + variant.getContig() + ":"
                + variant.getStart() + " comes after " + after + "); sort it first, e.g. bcftools sort");
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // read-only
        }
    }
}
