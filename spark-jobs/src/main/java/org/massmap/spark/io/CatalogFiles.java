package org.massmap.spark.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.massmap.catalog.CatalogException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the catalog files under a list of input locations on Hadoop file systems, on the driver,
 * from listings only (no file is opened). Each location is one of:
 * <ul>
 *   <li>a file: taken whatever its name (its format is detected when it is split);</li>
 *   <li>a directory: scanned recursively for *.fits, *.fit, *.fts, *.csv, *.csv.gz and *.parquet (any case);
 *       other files are ignored, and so are files and directories whose name starts with '.' or
 *       '_' (Hadoop's hidden files: {@code _SUCCESS}, {@code .crc}, {@code _temporary});</li>
 *   <li>a glob pattern (<code>hdfs://nn/survey/2024-*&#47;cat_*.fits</code>): matching files are taken
 *       as given, matching directories are scanned as above.</li>
 * </ul>
 * gzip-compressed FITS ({@code .fits.gz}, {@code .fit.gz}, {@code .fts.gz}) is refused wherever it
 * is found: it cannot be split into row ranges, so it is decompressed once instead. A location
 * that yields no catalog file is an error. The result is sorted by URI, without duplicates.
 * Immutable; the configuration is only read.
 */
public final class CatalogFiles {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogFiles.class);
    private static final List<String> EXTENSIONS = List.of(".fits", ".fit", ".fts", ".csv", ".csv.gz", ".parquet");
    private static final String EXTENSIONS_TEXT = "*.fits, *.fit, *.fts, *.csv, *.csv.gz and *.parquet";
    private static final List<String> GZIPPED_FITS = List.of(".fits.gz", ".fit.gz", ".fts.gz");

    private final Configuration conf;

    /** @param conf the Hadoop configuration that resolves the locations' file systems */
    public CatalogFiles(Configuration conf) {
        this.conf = conf;
    }

    /**
     * The catalog files under {@code locations}, sorted by URI.
     *
     * @throws CatalogException naming the location or file: a location that does not exist, a
     *                          pattern or directory without catalog files, a gzip-compressed FITS
     *                          file, or a listing failure
     */
    public List<CatalogFile> discover(List<String> locations) throws CatalogException {
        if (locations.isEmpty()) {
            throw new CatalogException("(no input)", "no input locations; give at least one catalog file, directory or pattern");
        }
        Map<String, CatalogFile> found = new TreeMap<>();
        for (String location : locations) {
            List<CatalogFile> files = discover(location);
            long bytes = 0;
            for (CatalogFile f : files) {
                found.put(f.uri(), f);
                bytes += f.length();
            }
            LOG.info("{}: {} catalog file(s), {} bytes", location, files.size(), bytes);
        }
        return List.copyOf(found.values());
    }

    private List<CatalogFile> discover(String location) throws CatalogException {
        if (location == null || location.isBlank()) {
            throw new CatalogException(String.valueOf(location), "empty input location; give a catalog file, directory or pattern");
        }
        Path path;
        try {
            path = new Path(location);
        } catch (IllegalArgumentException e) {
            throw new CatalogException(location, "not a valid path or URI: " + e.getMessage(), e);
        }
        List<CatalogFile> out = new ArrayList<>();
        try {
            FileSystem fs = path.getFileSystem(conf);
            if (isGlob(location)) {
                FileStatus[] matches = fs.globStatus(path);
                if (matches == null || matches.length == 0) {
                    throw new CatalogException(location, "the pattern matches no file; check it");
                }
                for (FileStatus match : sorted(matches)) {
                    add(fs, match, true, location, out);
                }
            } else {
                add(fs, fs.getFileStatus(path), true, location, out);
            }
        } catch (FileNotFoundException e) {
            throw new CatalogException(location, "no such file or directory; check the location", e);
        } catch (IOException e) {
            throw new CatalogException(location, "cannot list the input location: " + e.getMessage()
                    + "; check the URI and the file system configuration", e);
        }
        if (out.isEmpty()) {
            throw new CatalogException(location, "no catalog files found (looked for " + EXTENSIONS_TEXT
                    + ", recursively); check the location, or name other files explicitly");
        }
        return out;
    }

    /** Adds a file, or the catalog files under a directory; {@code explicit}: named by the user or a pattern. */
    private void add(FileSystem fs, FileStatus status, boolean explicit, String location, List<CatalogFile> out)
            throws IOException, CatalogException {
        String name = status.getPath().getName();
        String lower = name.toLowerCase(Locale.ROOT);
        if (status.isDirectory()) {
            if (explicit || !isHidden(name)) {
                for (FileStatus child : sorted(fs.listStatus(status.getPath()))) {
                    add(fs, child, false, location, out);
                }
            }
            return;
        }
        if (!status.isFile() || (!explicit && isHidden(name))) {
            return;
        }
        String uri = fs.makeQualified(status.getPath()).toString();
        if (endsWithAny(lower, GZIPPED_FITS)) {
            throw new CatalogException(uri, "gzip-compressed FITS cannot be split into row ranges; decompress it once "
                    + "(gunzip) and give the .fits file" + (explicit ? "" : ", or move it out of " + location));
        }
        if (explicit || endsWithAny(lower, EXTENSIONS)) {
            out.add(new CatalogFile(uri, status.getLen(), status.getModificationTime()));
        }
    }

    private static List<FileStatus> sorted(FileStatus[] statuses) {
        List<FileStatus> list = new ArrayList<>(Arrays.asList(statuses));
        list.sort(Comparator.comparing(s -> s.getPath().toString()));
        return list;
    }

    private static boolean isHidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    private static boolean endsWithAny(String lower, List<String> suffixes) {
        for (String s : suffixes) {
            if (lower.endsWith(s)) {
                return true;
            }
        }
        return false;
    }

    /** Whether Hadoop would expand {@code location} as a glob: it has one of * ? [ { outside a backslash escape. */
    static boolean isGlob(String location) {
        for (int i = 0; i < location.length(); i++) {
            char c = location.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[' || c == '{') {
                return true;
            }
        }
        return false;
    }
}
