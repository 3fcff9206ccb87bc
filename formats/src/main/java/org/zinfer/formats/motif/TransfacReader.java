package org.zinfer.formats.motif;

import org.zinfer.formats.InputException;
import org.zinfer.formats.io.TextFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads position frequency matrices in TRANSFAC format (as JASPAR exports them): AC gives the id, ID the
 * name, a P0/PO line names the base columns, numbered rows hold counts or frequencies, // ends a matrix.
 */
public final class TransfacReader {
    private final Path file;
    private final List<MotifMatrix> motifs = new ArrayList<>();
    private String id;
    private String name;
    private int[] columns;
    private List<double[]> rows = new ArrayList<>();
    private int lineNumber;

    private TransfacReader(Path file) {
        this.file = file;
    }

    public static List<MotifMatrix> read(Path file) {
        return new TransfacReader(file).parse();
    }

    private List<MotifMatrix> parse() {
        try (BufferedReader reader = TextFiles.open(file)) {
            for (String line; (line = reader.readLine()) != null; ) {
                lineNumber++;
                parseLine(line.strip());
            }
        } catch (IOException e) {
            throw new InputException("cannot read motif file " + file + ": " + e.getMessage(), e);
        }
        if (!rows.isEmpty()) {
            finish();
        }
        if (motifs.isEmpty()) {
            throw new InputException("motif file " + file + " holds no TRANSFAC matrix (expected AC/ID, P0 and numbered rows, then //)");
        }
        return motifs;
    }

    private void parseLine(String line) {
        if (line.startsWith("AC ") || line.startsWith("AC\t")) {
            id = line.substring(3).strip();
        } else if (line.startsWith("ID ") || line.startsWith("ID\t")) {
            name = line.substring(3).strip();
        } else if (line.startsWith("P0") || line.startsWith("PO")) {
            columns = columnsOf(line.split("\\s+"));
        } else if (line.startsWith("//")) {
            finish();
        } else if (!line.isEmpty() && Character.isDigit(line.charAt(0)) && columns != null) {
            rows.add(row(line.split("\\s+")));
        }
    }

    private int[] columnsOf(String[] fields) {
        int[] order = new int[fields.length - 1];
        for (int i = 1; i < fields.length; i++) {
            order[i - 1] = "ACGT".indexOf(fields[i].toUpperCase());
        }
        for (char base : "ACGT".toCharArray()) {
            boolean present = false;
            for (int i = 1; i < fields.length; i++) {
                present |= fields[i].equalsIgnoreCase(String.valueOf(base));
            }
            if (!present) {
                throw error("the P0 line lacks a column for " + base);
            }
        }
        return order;
    }

    private double[] row(String[] fields) {
        if (fields.length < columns.length + 1) {
            throw error("expected " + columns.length + " numbers after the position");
        }
        double[] row = new double[4];
        double total = 0;
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] < 0) {
                continue;
            }
            try {
                row[columns[i]] = Double.parseDouble(fields[i + 1]);
            } catch (NumberFormatException e) {
                throw error("'" + fields[i + 1] + "' is not a number");
            }
            if (row[columns[i]] < 0) {
                throw error("negative count " + fields[i + 1]);
            }
            total += row[columns[i]];
        }
        if (total <= 0) {
            throw error("a matrix row sums to zero");
        }
        for (int b = 0; b < 4; b++) {
            row[b] /= total;
        }
        return row;
    }

    private void finish() {
        if (!rows.isEmpty()) {
            String motifId = id != null ? id : name != null ? name : "motif" + (motifs.size() + 1);
            motifs.add(new MotifMatrix(motifId, name != null ? name : motifId, rows.toArray(new double[0][])));
        }
        id = null;
        name = null;
        columns = null;
        rows = new ArrayList<>();
    }

    private InputException error(String problem) {
        return new InputException("motif file " + file + " line " + lineNumber + ": " + problem);
    }
}
