package org.zinfer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads bigWig files with the two independent readers: pyBigWig (libBigWig) and @gmod/bbi (JBrowse). */
public final class BigWigReaders {
    /** A bigWig interval as a reader returns it. */
    public record Interval(String contig, int start, int end, double value) {
    }

    private BigWigReaders() {
    }

    public static JsonNode pyBigWig(Path bigWig) {
        TestEnvironment.requirePythonModules("pyBigWig");
        String script = TestEnvironment.root().resolve("test-support/python/read_bigwig.py").toString();
        return json(TestEnvironment.run(TestEnvironment.python(script, bigWig.toString())));
    }

    public static JsonNode bbi(Path bigWig) {
        Path script = TestEnvironment.bbiReader();
        return json(TestEnvironment.run(List.of("node", script.toString(), bigWig.toString())));
    }

    public static List<Interval> intervals(JsonNode read) {
        List<Interval> intervals = new ArrayList<>();
        for (JsonNode i : read.get("intervals")) {
            intervals.add(new Interval(i.get(0).asText(), i.get(1).asInt(), i.get(2).asInt(), i.get(3).asDouble()));
        }
        return intervals;
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
