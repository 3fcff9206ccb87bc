package org.zinfer.scoring.simulation;

import org.zinfer.formats.InputException;
import org.zinfer.formats.motif.MotifMatrix;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Picks matrices from a motif file by id (MA0035.4, or MA0035 for any version) or by name (GATA1), case-insensitive. */
public final class MotifSelection {
    private MotifSelection() {
    }

    /** The wanted motifs in the order asked for; all of them when nothing is asked for. */
    public static List<MotifMatrix> select(List<MotifMatrix> all, List<String> wanted, Path file) {
        if (wanted == null || wanted.isEmpty()) {
            return all;
        }
        List<MotifMatrix> chosen = new ArrayList<>();
        for (String key : wanted) {
            chosen.add(all.stream().filter(m -> matches(m, key)).findFirst().orElseThrow(() -> new InputException(
                    "motif file " + file + " has no matrix '" + key + "' (give an id such as " + all.get(0).id() + " or a name such as " + all.get(0).name() + ")")));
        }
        if (chosen.stream().map(MotifMatrix::id).distinct().count() < chosen.size()) {
            throw new InputException("the same motif was chosen twice from " + file + ": " + wanted);
        }
        return chosen;
    }

    private static boolean matches(MotifMatrix motif, String key) {
        return motif.id().equalsIgnoreCase(key) || motif.name().equalsIgnoreCase(key)
                || motif.id().toUpperCase().startsWith(key.toUpperCase() + ".");
    }
}
