package org.zinfer.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassArchiveTest {
    @TempDir
    Path dir;

    @Test
    void writesOnceThenMapsAndARebuiltJarReplacesIt() throws Exception {
        Path jar = Files.writeString(dir.resolve("zinfer.jar"), "jar");
        Path cache = dir.resolve("cache");
        ClassArchive first = ClassArchive.of(cache, jar, "jdk 17");
        assertEquals(List.of(), first.jvmOptions(false), "a command not worth archiving writes none");
        String write = last(first.jvmOptions(true));
        assertTrue(write.startsWith("-XX:ArchiveClassesAtExit="), write);
        Path pending = Path.of(write.substring(write.indexOf('=') + 1));
        first.exited();
        assertFalse(Files.exists(first.archive()), "nothing written, nothing kept");

        Files.writeString(pending, "archive");
        first.exited();
        assertTrue(Files.exists(first.archive()));
        assertFalse(Files.exists(pending));
        assertEquals("-XX:SharedArchiveFile=" + first.archive(), last(ClassArchive.of(cache, jar, "jdk 17").jvmOptions(false)));
        assertNotEquals(first.archive(), ClassArchive.of(cache, jar, "jdk 21").archive(), "another JDK, another archive");

        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
        ClassArchive rebuilt = ClassArchive.of(cache, jar, "jdk 17");
        assertNotEquals(first.archive(), rebuilt.archive());
        String rewrite = last(rebuilt.jvmOptions(true));
        Files.writeString(Path.of(rewrite.substring(rewrite.indexOf('=') + 1)), "archive");
        rebuilt.exited();
        try (var files = Files.list(cache)) {
            assertEquals(List.of(rebuilt.archive()), files.toList(), "the rebuilt jar's archive replaces the old one");
        }
    }

    private static String last(List<String> options) {
        return options.get(options.size() - 1);
    }
}
