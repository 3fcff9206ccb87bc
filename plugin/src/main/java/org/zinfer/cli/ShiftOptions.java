package org.zinfer.cli;

import picocli.CommandLine.Option;

/** The shift option of the commands whose scores a scan, its calibration and its calls must agree on. */
final class ShiftOptions {
    @Option(names = "--shifts", defaultValue = "1", paramLabel = "N",
            description = "Score each window as the mean of N copies with its bases moved by -(N-1)/2 ... N/2 nt (N times the work;"
                    + " 4, the first pooling stride of the built-in and thesis models, steadies scores as the window slides over a site)"
                    + " (default: ${DEFAULT-VALUE}).")
    int shifts;
}
