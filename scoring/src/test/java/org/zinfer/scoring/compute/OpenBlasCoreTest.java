package org.zinfer.scoring.compute;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** OpenBLAS is told to use its AVX-512 kernels on CPUs that have AVX-512, and left to choose on others. */
class OpenBlasCoreTest {
    private static final String AVX2 = "fpu vme sse sse2 ssse3 fma sse4_1 sse4_2 avx f16c avx2 bmi2";
    private static final String AVX512 = AVX2 + " avx512f avx512dq avx512ifma avx512cd avx512bw avx512vl avx512_bf16";

    private static String cpu(String vendor, String flags) {
        return "processor\t: 0\nvendor_id\t: " + vendor + "\ncpu family\t: 26\nflags\t\t: " + flags + "\n\nprocessor\t: 1\n";
    }

    @Test
    void avx512GetsTheAvx512Kernels() {
        assertEquals(Optional.of("SkylakeX"), OpenBlasCore.of(cpu("AuthenticAMD", AVX512)));
        assertEquals(Optional.of("SkylakeX"), OpenBlasCore.of(cpu("GenuineIntel", AVX512)));
    }

    @Test
    void othersAreLeftToOpenBlas() {
        assertEquals(Optional.empty(), OpenBlasCore.of(cpu("AuthenticAMD", AVX2)));
        assertEquals(Optional.empty(), OpenBlasCore.of(cpu("GenuineIntel", AVX2)));
        assertEquals(Optional.empty(), OpenBlasCore.of(""));
    }
}
