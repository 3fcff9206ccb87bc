package org.zinfer.cli;

import picocli.CommandLine.Option;

/** The strand option of every command that scores genome sequence. */
final class StrandOptions {
    @Option(names = "--reverse-complement",
            description = "Score each window on both strands and report the mean of the two (twice the work: the other strand shares nothing with the first).")
    boolean reverseComplement;
}
