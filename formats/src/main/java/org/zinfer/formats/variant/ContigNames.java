package org.zinfer.formats.variant;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Matches a VCF's contig names to a FASTA's: the same name, or the same name with or without a "chr"
 * prefix ("22" and "chr22"). Each renaming is reported once.
 */
public final class ContigNames {
    private final Set<String> fastaNames;
    private final Consumer<String> report;
    private final Map<String, String> resolved = new HashMap<>();

    public ContigNames(Set<String> fastaNames, Consumer<String> report) {
        this.fastaNames = fastaNames;
        this.report = report;
    }

    /** The FASTA name for a VCF contig, or null when the FASTA has no such contig. */
    public String toFasta(String vcfName) {
        return resolved.computeIfAbsent(vcfName, name -> {
            String match = fastaNames.contains(name) ? name
                    : fastaNames.contains("chr" + name) ? "chr" + name
                    : name.startsWith("chr") && fastaNames.contains(name.substring(3)) ? name.substring(3)
                    : null;
            if (match != null && !match.equals(name)) {
                report.accept("VCF contig '" + name + "' is read as '" + match + "' of the FASTA");
            } else if (match == null) {
                report.accept("VCF contig '" + name + "' is not in the FASTA; its records pass through unscored");
            }
            return match == null ? "" : match;
        }).transform(name -> name.isEmpty() ? null : name);
    }
}
