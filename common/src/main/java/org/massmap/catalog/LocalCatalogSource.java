package org.massmap.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.massmap.io.RandomAccessInput;

/**
 * A catalog in the local file system. Random reads go through a {@link FileChannel}'s positional
 * reads. Immutable.
 *
 * @param file the catalog file; its {@code toString()} is the {@linkplain #name() name} in messages
 */
public record LocalCatalogSource(Path file) implements CatalogSource {

    public LocalCatalogSource {
        Objects.requireNonNull(file, "file");
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public long length() throws CatalogException {
        requireRegularFile();
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            throw new CatalogException(name(), "no such catalog file; check the path", e);
        } catch (IOException e) {
            throw new CatalogException(name(), "cannot read the catalog: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream openStream() throws CatalogException {
        requireRegularFile();
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new CatalogException(name(), "no such catalog file; check the path", e);
        } catch (IOException e) {
            throw new CatalogException(name(), "cannot open the catalog: " + e.getMessage(), e);
        }
    }

    @Override
    public RandomAccessInput openInput() throws CatalogException {
        requireRegularFile();
        try {
            return RandomAccessInput.of(FileChannel.open(file, StandardOpenOption.READ));
        } catch (NoSuchFileException e) {
            throw new CatalogException(name(), "no such catalog file; check the path", e);
        } catch (IOException e) {
            throw new CatalogException(name(), "cannot open the catalog: " + e.getMessage(), e);
        }
    }

    private void requireRegularFile() throws CatalogException {
        if (!Files.isRegularFile(file)) {
            throw new CatalogException(name(), Files.exists(file)
                    ? "not a regular file; give the path of a FITS or CSV catalog"
                    : "no such catalog file; check the path");
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
