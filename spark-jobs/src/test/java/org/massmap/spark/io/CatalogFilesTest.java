package org.massmap.spark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.catalog.CatalogException;

class CatalogFilesTest {
    @TempDir
    Path dir;

    private final CatalogFiles files = new CatalogFiles(new Configuration());

    private Path touch(String relative) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "x".repeat(relative.length()));
    }

    /** The URI CatalogFiles reports for a local file: qualified, "file:/..." form. */
    private static String uri(Path p) {
        return new org.apache.hadoop.fs.Path(p.toUri()).toString();
    }

    private static List<String> uris(List<CatalogFile> found) {
        List<String> out = new ArrayList<>();
        for (CatalogFile f : found) {
            out.add(f.uri());
        }
        return out;
    }

    @Test
    void findsCatalogsInNestedDirectoriesAndIgnoresOtherFiles() throws Exception {
        List<Path> wanted = List.of(touch("in/a.fits"), touch("in/b/c.FIT"), touch("in/b/d/e.csv.gz"), touch("in/f.csv"),
                touch("in/b/g.fts"));
        for (String other : List.of("in/readme.txt", "in/_SUCCESS", "in/.a.fits.crc", "in/.hidden.fits", "in/_tmp/x.fits",
                "in/.git/y.csv", "in/b/notes.csv.bak", "in/b/data.json")) {
            touch(other);
        }
        List<CatalogFile> found = files.discover(List.of(dir.resolve("in").toUri().toString()));
        List<String> expected = new ArrayList<>();
        for (Path p : wanted) {
            expected.add(uri(p));
        }
        expected.sort(null);
        assertEquals(expected, uris(found));
        for (int i = 0; i < found.size(); i++) {
            Path local = Path.of(java.net.URI.create(found.get(i).uri()));
            assertEquals(Files.size(local), found.get(i).length(), found.get(i).uri());
            assertEquals(Files.getLastModifiedTime(local).toMillis(), found.get(i).modificationTime(), 1000);
        }
    }

    @Test
    void filesAndGlobsAreTakenAsGivenAndDuplicatesCollapse() throws Exception {
        Path dat = touch("x/cat.dat");
        Path one = touch("y/2024-01/cat_1.fits");
        Path two = touch("y/2024-02/cat_2.fits");
        touch("y/2024-02/other.fits");
        touch("y/2023-12/cat_0.fits");
        String glob = dir.toUri() + "y/2024-*/cat_*.fits";
        List<CatalogFile> found = files.discover(List.of(dat.toString(), glob, one.toUri().toString()));
        assertEquals(List.of(uri(dat), uri(one), uri(two)), uris(found));
        // the URIs are readable on any node
        assertEquals(Files.size(one), HadoopCatalogSource.of(found.get(1).uri(), new Configuration()).length());
    }

    @Test
    void errorsNameTheLocationOrFile() throws Exception {
        String missing = dir.resolve("missing").toUri().toString();
        CatalogException e = assertThrows(CatalogException.class, () -> files.discover(List.of(missing)));
        assertEquals(missing, e.file());
        assertTrue(e.getMessage().contains("no such file or directory"), e.getMessage());

        Files.createDirectories(dir.resolve("empty/sub"));
        touch("empty/sub/readme.txt");
        String empty = dir.resolve("empty").toUri().toString();
        e = assertThrows(CatalogException.class, () -> files.discover(List.of(empty)));
        assertEquals(empty, e.file());
        assertTrue(e.getMessage().contains("no catalog files found"), e.getMessage());

        String noMatch = dir.toUri() + "nothing-*.fits";
        e = assertThrows(CatalogException.class, () -> files.discover(List.of(noMatch)));
        assertTrue(e.getMessage().contains("matches no file"), e.getMessage());

        Path gz = touch("zipped/sub/cat.fits.gz");
        touch("zipped/ok.fits");
        e = assertThrows(CatalogException.class, () -> files.discover(List.of(dir.resolve("zipped").toString())));
        assertEquals(uri(gz), e.file());
        assertTrue(e.getMessage().contains("gunzip"), e.getMessage());

        assertThrows(CatalogException.class, () -> files.discover(List.of()));
        assertThrows(CatalogException.class, () -> files.discover(List.of(" ")));
    }
}
