package org.zinfer.scoring.compute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which kernels the OpenBLAS that ND4J ships (0.3.19, from 2021) should use on CPUs it does not know: it takes a
 * Zen 5 for an AMD K10 ("Barcelona", SSE kernels only), and CPUs newer than it may fare alike. On any CPU with
 * AVX-512 its AVX-512 kernels ("SkylakeX", what it picks itself for the Intel CPUs it knows, and what later releases
 * pick for Zen 4 and 5) are the right ones. Measured on a Zen 5 (the 29-factor design, batch 256): 347 windows/s
 * as OpenBLAS chooses, 772 with its AVX2 kernels, 964 with the AVX-512 ones. OpenBLAS reads OPENBLAS_CORETYPE once,
 * when it loads, so the launcher sets it for the JVM it starts; a value the user set is kept.
 * <p>usage (benchmarks): OpenBlasCore — prints the value, or nothing
 */
public final class OpenBlasCore {
    private static final List<String> AVX512 = List.of("avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl");

    private OpenBlasCore() {
    }

    /** The OPENBLAS_CORETYPE for this machine, from /proc/cpuinfo; empty without AVX-512 or where it cannot be read. */
    public static Optional<String> forThisCpu() {
        try {
            return of(Files.readString(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The core type for a CPU described as /proc/cpuinfo does (its first processor). */
    static Optional<String> of(String cpuinfo) {
        List<String> flags = Arrays.asList(field(cpuinfo, "flags").split("\\s+"));
        return flags.containsAll(AVX512) ? Optional.of("SkylakeX") : Optional.empty();
    }

    private static String field(String cpuinfo, String name) {
        return cpuinfo.lines().filter(l -> l.startsWith(name)).findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("");
    }

    public static void main(String[] args) {
        forThisCpu().ifPresent(System.out::println);
    }
}
