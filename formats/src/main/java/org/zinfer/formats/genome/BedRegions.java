package org.zinfer.formats.genome;

import org.zinfer.formats.InputException;
import org.zinfer.formats.io.TextFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the first three columns of a BED file (plain or gzip) as regions. */
public final class BedRegions {
    private BedRegions() {
    }

    public static List<Region> read(Path bed) {
        List<Region> regions = new ArrayList<>();
        try (BufferedReader reader = TextFiles.open(bed)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#") || line.startsWith("track") || line.startsWith("browser")) {
                    continue;
                }
                regions.add(parseLine(line, bed, number));
            }
        } catch (IOException e) {
            throw new InputException("cannot read BED file " + bed + ": " + e.getMessage(), e);
        }
        return regions;
    }

    static Region parseLine(String line, Path bed, int number) {
        String[] fields = line.split("\t", 4);
        if (fields.length < 3) {
            throw new InputException(bed + " line " + number + ": a BED line needs at least 3 tab-separated columns (contig, start, end)");
        }
        try {
            long start = Long.parseLong(fields[1].trim());
            long end = Long.parseLong(fields[2].trim());
            if (start < 0 || end <= start || end > Integer.MAX_VALUE) {
                throw new InputException(bed + " line " + number + ": start " + start + " and end " + end + " do not make an interval (0 <= start < end)");
            }
            return new Region(fields[0], (int) start, (int) end);
        } catch (NumberFormatException e) {
            throw new InputException(bed + " line " + number + ": start and end must be whole numbers, got '" + fields[1] + "' and '" + fields[2] + "'");
        }
    }
}
