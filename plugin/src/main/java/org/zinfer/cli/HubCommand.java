package org.zinfer.cli;

import org.zinfer.formats.track.ScanManifest;
import org.zinfer.formats.track.UcscTrackHub;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "hub", mixinStandardHelpOptions = true,
        description = {"Write a UCSC track hub (SCAN_DIR/hub/hub.txt) over a finished scan: every factor's bigWig as a subtrack, fixed 0-1 range, a colour each.",
                "Put SCAN_DIR on a web server and give the UCSC Genome Browser the URL of hub/hub.txt (My Data > Track Hubs)."})
final class HubCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCAN_DIR", description = "Output directory of zinfer scan or merge.")
    Path scan;

    @Option(names = "--assembly", required = true, paramLabel = "NAME", description = "UCSC assembly the genome is, e.g. hg19 or hg38.")
    String assembly;

    @Option(names = "--email", required = true, paramLabel = "ADDRESS", description = "Contact for the hub (UCSC requires one).")
    String email;

    @Override
    public Integer call() {
        Path hub = UcscTrackHub.write(scan, ScanManifest.read(scan), assembly, email);
        System.err.printf("zinfer: wrote the track hub %s%n", hub);
        return 0;
    }
}
