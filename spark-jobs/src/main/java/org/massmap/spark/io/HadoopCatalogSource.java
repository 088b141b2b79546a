package org.massmap.spark.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.massmap.catalog.CatalogException;
import org.massmap.catalog.CatalogSource;
import org.massmap.io.RandomAccessInput;

/**
 * A catalog file on a Hadoop file system, named by a URI ({@code hdfs://nn:8020/survey/cat.fits},
 * {@code s3a://bucket/cat.csv.gz}, {@code file:///data/cat.fits}; a URI without a scheme is
 * resolved against {@code fs.defaultFS}). Random reads are positional reads
 * ({@code PositionedReadable.read/readFully}) on an {@link FSDataInputStream}, so a FITS row range
 * fetches only the headers and its own rows; the length comes from {@code getFileStatus}.
 *
 * <p>Not serializable, on purpose: it holds a {@link FileSystem}, which holds a Hadoop
 * {@link Configuration}. Ship the URI string (a {@link CatalogSplit}) to executors and build the
 * source there with {@link #of(String, Configuration)} and the executor's configuration.
 * The {@link FileSystem} comes from Hadoop's per-JVM cache and is never closed here. On S3A,
 * {@code fs.s3a.experimental.input.fadvise=random} suits row-range reads of large tables.
 * Immutable; each {@code open…} call opens a new stream.
 */
public final class HadoopCatalogSource implements CatalogSource {
    private final String uri;
    private final Path path;
    private final FileSystem fs;

    private HadoopCatalogSource(String uri, Path path, FileSystem fs) {
        this.uri = uri;
        this.path = path;
        this.fs = fs;
    }

    /**
     * The file at {@code uri}, on the file system that {@code conf} configures for its scheme.
     * Nothing is read or checked yet beyond finding the file system.
     *
     * @throws CatalogException naming the URI if it is blank or malformed, or no file system
     *                          serves its scheme (for example {@code s3a://} without hadoop-aws)
     */
    public static HadoopCatalogSource of(String uri, Configuration conf) throws CatalogException {
        if (uri == null || uri.isBlank()) {
            throw new CatalogException(String.valueOf(uri), "empty catalog URI; give a file such as hdfs://host:8020/dir/cat.fits");
        }
        Path path;
        try {
            path = new Path(uri);
        } catch (IllegalArgumentException e) {
            throw new CatalogException(uri, "not a valid file URI: " + e.getMessage(), e);
        }
        try {
            return new HadoopCatalogSource(uri, path, FileSystem.get(path.toUri(), conf));
        } catch (IOException e) {
            throw new CatalogException(uri, "no usable file system for this URI (" + e.getMessage()
                    + "); check the scheme and host, and that the scheme's Hadoop connector is on the classpath", e);
        }
    }

    @Override
    public String name() {
        return uri;
    }

    @Override
    public long length() throws CatalogException {
        return status().getLen();
    }

    @Override
    public InputStream openStream() throws CatalogException {
        return open();
    }

    @Override
    public RandomAccessInput openInput() throws CatalogException {
        return new PositionalInput(open());
    }

    private FSDataInputStream open() throws CatalogException {
        status();
        try {
            return fs.open(path);
        } catch (FileNotFoundException e) {
            throw new CatalogException(uri, "no such catalog file; check the URI", e);
        } catch (IOException e) {
            throw new CatalogException(uri, "cannot open the catalog: " + e.getMessage(), e);
        }
    }

    /** The file's status, checked to be an existing file. */
    private FileStatus status() throws CatalogException {
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            throw new CatalogException(uri, "no such catalog file; check the URI", e);
        } catch (IOException e) {
            throw new CatalogException(uri, "cannot read the catalog's file status: " + e.getMessage(), e);
        }
        if (!status.isFile()) {
            throw new CatalogException(uri, "not a regular file; give the URI of a FITS or CSV catalog"
                    + (status.isDirectory() ? " (list a directory's catalogs with CatalogFiles)" : ""));
        }
        return status;
    }

    @Override
    public String toString() {
        return uri;
    }

    /** Positional reads on one open Hadoop stream. */
    private static final class PositionalInput implements RandomAccessInput {
        private final FSDataInputStream in;

        PositionalInput(FSDataInputStream in) {
            this.in = in;
        }

        @Override
        public int read(long position, byte[] buffer, int offset, int length) throws IOException {
            return in.read(position, buffer, offset, length);
        }

        @Override
        public void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
            in.readFully(position, buffer, offset, length);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
