package org.zinfer.scoring.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import htsjdk.tribble.readers.TabixReader;
import org.zinfer.formats.InputException;
import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.formats.genome.Region;
import org.zinfer.formats.io.TextFiles;
import org.zinfer.formats.track.IgvReportPage;
import org.zinfer.formats.track.ScanManifest;
import org.zinfer.formats.track.TrackColors;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * zinfer report: one self-contained HTML page ({@link IgvReportPage}) over a scan, for given regions or the best
 * called sites: per factor the probability track, the called sites and the contributions (from zinfer call and
 * zinfer explain output), the genome sequence of the regions, and the learned-motif logos (zinfer motifs output).
 * Only the regions' data is embedded, so the page stays small and opens from file:// with no network.
 */
public final class Report {
    /**
     * regions: empty means the best sites of calls, top of them, each widened by flank either side; factors: the
     * factors shown, empty for all of the scan's.
     */
    public record Options(Path scan, List<Region> regions, List<String> factors, Path calls, int top, int flank, Path contributions,
                          Path motifs, Path output) {
    }

    private record Site(String factor, Region region, double probability, double minusLog10Q) {
    }

    private Report() {
    }

    public static int run(Options options, PrintStream log) {
        ScanManifest scan = ScanManifest.read(options.scan());
        if (scan.genome() == null) {
            throw new InputException(options.scan() + " was made by a zinfer that did not record its genome; scan it again");
        }
        List<String> factors = options.factors().isEmpty() ? scan.factors() : options.factors();
        for (String factor : factors) {
            if (!scan.factors().contains(factor)) {
                throw new InputException("--factor " + factor + " is not a factor of the scan in " + options.scan()
                        + " (its factors: " + String.join(", ", scan.factors()) + ")");
            }
        }
        try (ReferenceGenome genome = ReferenceGenome.open(Path.of(scan.genome()))) {
            List<Site> sites = options.calls() == null ? List.of() : sites(options.calls(), factors, genome, options.flank());
            List<Region> regions = options.regions().isEmpty() ? best(sites, options.top()) : GenomeScan.resolve(genome, options.regions());
            if (regions.isEmpty()) {
                throw new InputException("nothing to show: give --region/--regions, or --calls with at least one called site");
            }
            ObjectNode session = session(scan, factors, genome, regions, sites, options);
            List<IgvReportPage.Row> rows = new ArrayList<>();
            for (Region region : regions) {
                Site best = sites.stream().filter(s -> s.region().overlaps(region)).max(Comparator.comparingDouble(Site::probability)).orElse(null);
                rows.add(new IgvReportPage.Row(locus(region), best == null ? List.of(locus(region), "", "", "")
                        : List.of(locus(region), best.factor(), String.format(Locale.ROOT, "%.3f", best.probability()),
                        String.format(Locale.ROOT, "%.1f", best.minusLog10Q()))));
            }
            IgvReportPage.write(options.output(), "zinfer: " + scan.model() + " on " + Path.of(scan.genome()).getFileName(), session,
                    List.of("region", "best site's factor", "probability", "-log10 q"), rows, logos(options.motifs(), factors));
            log.printf("zinfer: report of %d region(s), %d factor(s): %s%n", regions.size(), factors.size(), options.output());
            return regions.size();
        }
    }

    private static ObjectNode session(ScanManifest scan, List<String> factors, ReferenceGenome genome, List<Region> regions, List<Site> sites,
                                      Options options) {
        ObjectNode session = new ObjectMapper().createObjectNode();
        ObjectNode reference = session.putObject("reference");
        reference.put("id", Path.of(scan.genome()).getFileName().toString());
        reference.put("fastaURL", IgvReportPage.dataUri(fasta(genome, regions)));
        reference.put("indexed", false);
        session.put("loadDefaultGenomes", false);
        session.put("locus", locus(regions.get(0)));
        session.put("showIdeogram", false);
        ArrayNode tracks = session.putArray("tracks");
        Map<String, StringBuilder> contributions = options.contributions() == null ? Map.of() : contributions(options.contributions(), regions);
        for (String factor : factors) {
            String color = "rgb(" + TrackColors.of(scan.factors().indexOf(factor)) + ")";
            ObjectNode scores = track(tracks, factor, "wig", "bedgraph", tabixed(options.scan().resolve(factor + ".bedGraph.gz"), regions), color);
            scores.put("autoscale", false).put("min", 0).put("max", 1).put("height", 40);
            if (contributions.containsKey(factor)) {
                track(tracks, factor + " contribution", "wig", "bedgraph", contributions.get(factor).toString(), color)
                        .put("autoscale", true).put("height", 50);
            }
            if (sites.stream().anyMatch(s -> s.factor().equals(factor))) {
                track(tracks, factor + " sites", "annotation", "narrowpeak",
                        tabixed(options.calls().resolve(factor + ".narrowPeak.gz"), regions), color).put("displayMode", "EXPANDED");
            }
        }
        return session;
    }

    private static ObjectNode track(ArrayNode tracks, String name, String type, String format, String data, String color) {
        ObjectNode track = tracks.addObject();
        track.put("name", name).put("type", type).put("format", format).put("url", IgvReportPage.dataUri(data)).put("color", color);
        return track;
    }

    /** The regions' bases as FASTA records that igv.js places on their contigs ("@len=", igv-reports' extension). */
    private static String fasta(ReferenceGenome genome, List<Region> regions) {
        StringBuilder fasta = new StringBuilder();
        for (Region region : regions) {
            fasta.append('>').append(region.contig()).append(':').append(region.start() + 1).append('-').append(region.end())
                    .append(" @len=").append(genome.contig(region.contig()).length()).append('\n')
                    .append(new String(genome.bases(region.contig(), region.start(), region.end()), java.nio.charset.StandardCharsets.US_ASCII))
                    .append('\n');
        }
        return fasta.toString();
    }

    /** The lines of a tabix-indexed file that overlap the regions (a line overlapping two regions comes once per region). */
    private static String tabixed(Path file, List<Region> regions) {
        StringBuilder lines = new StringBuilder();
        try {
            TabixReader reader = new TabixReader(file.toString());
            for (Region region : regions) {
                TabixReader.Iterator it = reader.query(region.contig(), region.start(), region.end());
                for (String line; it != null && (line = it.next()) != null; ) {
                    lines.append(line).append('\n');
                }
            }
            reader.close();
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return lines.toString();
    }

    /** Per factor, a bedGraph of explain's contributions.tsv within the regions. */
    private static Map<String, StringBuilder> contributions(Path dir, List<Region> regions) {
        Path table = dir.resolve(Explanation.TABLE);
        Map<String, StringBuilder> bedGraphs = new LinkedHashMap<>();
        try (BufferedReader reader = TextFiles.open(table)) {
            String[] header = reader.readLine().split("\t");
            for (int c = 3; c < header.length; c++) {
                bedGraphs.put(header[c], new StringBuilder());
            }
            for (String line; (line = reader.readLine()) != null; ) {
                String[] fields = line.split("\t");
                int start = Integer.parseInt(fields[1]) - 1;
                if (regions.stream().anyMatch(r -> r.contig().equals(fields[0]) && r.start() <= start && start < r.end())) {
                    for (int c = 3; c < header.length; c++) {
                        bedGraphs.get(header[c]).append(fields[0]).append('\t').append(start).append('\t').append(start + 1).append('\t')
                                .append(fields[c]).append('\n');
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new InputException("cannot read " + table + " (zinfer explain's table): " + e.getMessage(), e);
        }
        return bedGraphs;
    }

    /** Every called site of every factor, widened by flank either side and clipped to its contig. */
    private static List<Site> sites(Path calls, List<String> factors, ReferenceGenome genome, int flank) {
        List<Site> sites = new ArrayList<>();
        for (String factor : factors) {
            Path file = calls.resolve(factor + ".narrowPeak.gz");
            if (!Files.exists(file)) {
                continue;
            }
            try (BufferedReader reader = TextFiles.open(file)) {
                for (String line; (line = reader.readLine()) != null; ) {
                    String[] f = line.split("\t");
                    int summit = Integer.parseInt(f[1]) + Integer.parseInt(f[9]);
                    int length = genome.contig(f[0]).length();
                    Region region = new Region(f[0], Math.max(0, summit - flank), Math.min(length, summit + flank));
                    sites.add(new Site(factor, region, Double.parseDouble(f[6]), Double.parseDouble(f[8])));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return sites;
    }

    /** The top sites by probability, then q-value; a site overlapping one already taken is passed over. */
    private static List<Region> best(List<Site> sites, int top) {
        List<Region> chosen = new ArrayList<>();
        sites.stream().sorted(Comparator.comparingDouble(Site::probability).thenComparingDouble(Site::minusLog10Q).reversed())
                .forEach(site -> {
                    if (chosen.size() < top && chosen.stream().noneMatch(r -> r.overlaps(site.region()))) {
                        chosen.add(site.region());
                    }
                });
        return chosen;
    }

    private static Map<String, byte[]> logos(Path motifs, List<String> factors) {
        Map<String, byte[]> logos = new LinkedHashMap<>();
        if (motifs == null) {
            return logos;
        }
        for (String factor : factors) {
            Path png = motifs.resolve(factor + ".logo.png");
            try {
                if (Files.exists(png)) {
                    logos.put(factor, Files.readAllBytes(png));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + png, e);
            }
        }
        return logos;
    }

    private static String locus(Region region) {
        return region.contig() + ":" + (region.start() + 1) + "-" + region.end();
    }
}
