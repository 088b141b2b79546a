package org.massmap.io.plot;

import java.awt.image.RenderedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.massmap.io.AtomicFile;
import org.massmap.io.MassmapIoException;

/** Writes images as PNG files, atomically (see {@link AtomicFile}). Stateless. */
public final class PngFiles {

    private PngFiles() {
    }

    /** Writes {@code image} to {@code file} as PNG. */
    public static void write(Path file, RenderedImage image) throws MassmapIoException {
        AtomicFile.writeStream(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer is available in this Java runtime");
            }
        });
    }
}
