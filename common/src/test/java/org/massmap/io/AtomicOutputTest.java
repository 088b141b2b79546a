package org.massmap.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {

    @TempDir
    Path dir;

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesAndReplacesFile() throws Exception {
        Path target = dir.resolve("out.txt");
        AtomicFile.writeBytes(target, "first".getBytes(StandardCharsets.UTF_8));
        AtomicFile.writeStream(target, out -> out.write("second".getBytes(StandardCharsets.UTF_8)));
        assertEquals("second", Files.readString(target));
        assertEquals(List.of("out.txt"), listing());
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target),
                "published files get the usual permissions, not the 0600 of temporary files");
    }

    @Test
    void failingWriterLeavesNoPartialFileAndKeepsOldOne() throws Exception {
        Path target = dir.resolve("map.fits");
        Files.writeString(target, "old complete content");
        MassmapIoException e = assertThrows(MassmapIoException.class, () -> AtomicFile.writeStream(target, out -> {
            out.write(new byte[5000]); // half of the output, then the writer dies
            throw new IOException("disk on fire");
        }));
        assertTrue(e.getMessage().contains("map.fits"), e.getMessage());
        assertTrue(e.getMessage().contains("disk on fire"), e.getMessage());
        assertEquals("old complete content", Files.readString(target));
        assertEquals(List.of("map.fits"), listing());
    }

    @Test
    void runtimeFailureAlsoCleansUp() throws Exception {
        Path target = dir.resolve("new.bin");
        assertThrows(IllegalStateException.class, () -> AtomicFile.write(target, temp -> {
            Files.write(temp, new byte[100]);
            throw new IllegalStateException("bug in the writer");
        }));
        assertEquals(List.of(), listing());
    }

    @Test
    void closingWithoutCommitAborts() throws Exception {
        Path target = dir.resolve("chunked.fits");
        Path temp;
        try (AtomicFile out = AtomicFile.begin(target)) {
            temp = out.temp();
            assertEquals(dir.toAbsolutePath(), temp.getParent());
            Files.write(temp, new byte[10]);
        }
        assertFalse(Files.exists(temp));
        assertFalse(Files.exists(target));
    }

    @Test
    void missingParentDirectoryIsReported() {
        Path target = dir.resolve("nope/out.txt");
        MassmapIoException e = assertThrows(MassmapIoException.class, () -> AtomicFile.writeBytes(target, new byte[1]));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertEquals(target, e.file());
    }

    @Test
    void directoryIsPublishedWhole() throws Exception {
        Path target = dir.resolve("run");
        AtomicDirectory.write(target, tmp -> {
            Files.writeString(tmp.resolve("a.txt"), "a");
            Files.createDirectory(tmp.resolve("sub"));
            Files.writeString(tmp.resolve("sub/b.txt"), "b");
        });
        assertEquals("b", Files.readString(target.resolve("sub/b.txt")));
        assertEquals(List.of("run"), listing());

        // Replace it: the old content goes, no .old or .tmp directory remains.
        AtomicDirectory.write(target, tmp -> Files.writeString(tmp.resolve("c.txt"), "c"));
        assertEquals(List.of("run"), listing());
        assertFalse(Files.exists(target.resolve("a.txt")));
        assertEquals("c", Files.readString(target.resolve("c.txt")));
    }

    @Test
    void failingDirectoryWriterKeepsOldDirectoryAndRemovesTemp() throws Exception {
        Path target = dir.resolve("run");
        AtomicDirectory.write(target, tmp -> Files.writeString(tmp.resolve("old.txt"), "old"));
        MassmapIoException e = assertThrows(MassmapIoException.class, () -> AtomicDirectory.write(target, tmp -> {
            AtomicFile.writeBytes(tmp.resolve("first.fits"), new byte[2880]);
            AtomicFile.writeStream(tmp.resolve("second.fits"), out -> {
                out.write(new byte[100]);
                throw new IOException("crash while writing the second file");
            });
        }));
        assertEquals(List.of("run"), listing(), "no DIR.tmp-* left behind");
        assertEquals(List.of("old.txt"), Files.list(target).map(p -> p.getFileName().toString()).toList());
        assertArrayEquals("old".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target.resolve("old.txt")));
        assertTrue(e.getMessage().contains("second.fits"), e.getMessage());
    }

    @Test
    void targetThatIsAFileIsRefusedForDirectoryOutput() throws Exception {
        Path target = dir.resolve("run");
        Files.writeString(target, "x");
        MassmapIoException e = assertThrows(MassmapIoException.class, () -> AtomicDirectory.write(target, tmp -> { }));
        assertTrue(e.getMessage().startsWith(target.toString()), e.getMessage());
    }
}
