package org.zinfer.formats.variant;

import htsjdk.tribble.index.tabix.TabixFormat;
import org.zinfer.formats.io.TabixedOutput;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes a bgzip-compressed VCF with a tabix index: the input's header with extra ## lines before #CHROM,
 * then each input record's own text with INFO entries appended. Both files appear only on {@link #commit()}.
 */
public final class AnnotatedVcfWriter implements AutoCloseable {
    private final TabixedOutput out;

    public AnnotatedVcfWriter(Path target, List<String> headerLines, List<String> extraHeaderLines) {
        this.out = new TabixedOutput(target, TabixFormat.VCF);
        StringBuilder header = new StringBuilder();
        for (String line : headerLines.subList(0, headerLines.size() - 1)) {
            header.append(line).append('\n');
        }
        for (String line : extraHeaderLines) {
            header.append(line).append('\n');
        }
        header.append(headerLines.get(headerLines.size() - 1)).append('\n');
        out.write(header.toString());
    }

    /**
     * Writes a record's line with INFO entries (KEY=VALUE, already formatted) appended to its INFO column.
     * start and end are the record's first and last reference positions (1-based), for the index.
     */
    public void add(String line, String contig, int start, int end, List<String> info) {
        out.write((info.isEmpty() ? line : withInfo(line, info)) + "\n", contig, start, end);
    }

    static String withInfo(String line, List<String> info) {
        int start = nthTab(line, 7) + 1;
        int end = line.indexOf('\t', start);
        String existing = end < 0 ? line.substring(start) : line.substring(start, end);
        String added = String.join(";", info);
        String merged = existing.equals(".") || existing.isEmpty() ? added : existing + ";" + added;
        return line.substring(0, start) + merged + (end < 0 ? "" : line.substring(end));
    }

    private static int nthTab(String line, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = line.indexOf('\t', at + 1);
        }
        return at;
    }

    public void commit() {
        out.commit();
    }

    @Override
    public void close() {
        out.close();
    }
}
