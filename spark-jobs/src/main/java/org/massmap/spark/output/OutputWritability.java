package org.massmap.spark.output;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The check, before any work, that an output root is a directory this process can write into. */
final class OutputWritability {
    private OutputWritability() {
    }

    /**
     * Creates {@code root} if missing, then writes and deletes a probe file in it.
     *
     * @throws OutputException naming the root: a file in its place, a parent that is a file, or no
     *                         permission / no space, with the fix
     */
    static void require(FileSystem fs, Path root) throws OutputException {
        try {
            FileStatus status = fs.getFileStatus(root);
            if (!status.isDirectory()) {
                throw new OutputException(root.toString(), "exists and is a file, not a directory; choose another --out or move the file");
            }
        } catch (FileNotFoundException e) {
            try {
                if (!fs.mkdirs(root)) {
                    throw new IOException("mkdirs returned false");
                }
            } catch (IOException | RuntimeException m) {
                throw new OutputException(root.toString(), "cannot create the output directory (is a parent a file, or not writable?);"
                        + " choose another --out", m);
            }
        } catch (IOException e) {
            throw new OutputException(root.toString(), "cannot inspect the output location", e);
        }
        Path probe = new Path(root, ".massmap-write-probe-" + UUID.randomUUID());
        try {
            try (FSDataOutputStream out = fs.create(probe, false)) {
                out.write('\n');
            }
            fs.delete(probe, false);
        } catch (IOException | RuntimeException e) {
            throw new OutputException(root.toString(), "cannot write into the output directory (permissions, quota or a full disk?);"
                    + " fix it or choose another --out", e);
        }
    }
}
