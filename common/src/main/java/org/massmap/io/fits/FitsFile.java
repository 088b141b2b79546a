package org.massmap.io.fits;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import nom.tam.fits.TruncatedFileException;
import nom.tam.util.Cursor;
import org.massmap.io.MassmapIoException;
import org.massmap.io.RandomAccessInput;

/**
 * An opened, structurally validated FITS file (package-private plumbing for the readers).
 *
 * <p>nom-tam-fits does not always throw on damaged files (docs/building.md): a file truncated in its
 * data reads "successfully" with null kernels, and one truncated inside a later header silently
 * loses that HDU. So besides catching its exceptions, {@link #open} first checks the whole structure
 * with {@link FitsStructure} (the scanner the catalog reader uses too).
 */
final class FitsFile implements AutoCloseable {


    private final Path path;
    private final Fits fits;
    private final List<BasicHDU<?>> hdus;
    private final List<FitsKeywords> keywords;

    private FitsFile(Path path, Fits fits, List<BasicHDU<?>> hdus, List<FitsKeywords> keywords) {
        this.path = path;
        this.fits = fits;
        this.hdus = hdus;
        this.keywords = keywords;
    }

    static FitsFile open(Path path) throws MassmapIoException {
        checkStructure(path);
        Fits fits = null;
        try {
            fits = new Fits(path.toFile());
            BasicHDU<?>[] read = fits.read();
            if (read == null || read.length == 0) {
                throw new MassmapIoException(path, "no HDU could be read: the file is damaged or not FITS");
            }
            List<BasicHDU<?>> hdus = List.of(read);
            List<FitsKeywords> keywords = new ArrayList<>();
            for (BasicHDU<?> hdu : hdus) {
                keywords.add(keywordsOf(hdu.getHeader()));
            }
            return new FitsFile(path, fits, hdus, keywords);
        } catch (TruncatedFileException e) {
            closeAfterFailure(fits, e);
            throw new MassmapIoException(path, "the file is truncated inside a header; re-create or re-copy it", e);
        } catch (FitsException e) {
            closeAfterFailure(fits, e);
            throw new MassmapIoException(path, "cannot read the FITS structure", e);
        } catch (MassmapIoException | RuntimeException e) {
            closeAfterFailure(fits, e);
            throw e;
        }
    }

    Path path() {
        return path;
    }

    int count() {
        return hdus.size();
    }

    BasicHDU<?> hdu(int index) {
        return hdus.get(index);
    }

    FitsKeywords keywords(int index) {
        return keywords.get(index);
    }

    /** EXTNAME of an HDU, or null. */
    String name(int index) {
        return keywords.get(index).string("EXTNAME").map(String::trim).orElse(null);
    }

    /** Axis lengths in FITS order (NAXIS1 first); empty for an HDU without data. */
    int[] axes(int index) throws MassmapIoException {
        FitsKeywords k = keywords.get(index);
        int naxis = (int) (long) k.integer("NAXIS").orElse(0L);
        int[] axes = new int[naxis];
        for (int i = 0; i < naxis; i++) {
            long n = k.integer("NAXIS" + (i + 1)).orElse(-1L);
            if (n < 0 || n > Integer.MAX_VALUE) {
                throw error(index, "has an invalid NAXIS" + (i + 1) + " = " + k.get("NAXIS" + (i + 1)).orElse("(missing)"));
            }
            axes[i] = (int) n;
        }
        return axes;
    }

    /** Index of the HDU named {@code name} (EXTNAME, case-insensitive). */
    int indexOf(String name) throws MassmapIoException {
        for (int i = 0; i < hdus.size(); i++) {
            if (name.equalsIgnoreCase(name(i))) {
                return i;
            }
        }
        throw new MassmapIoException(path, "no HDU named '" + name + "'; the file has " + names());
    }

    /** The HDU names, for error messages. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < hdus.size(); i++) {
            names.add(name(i) == null ? "(unnamed HDU " + i + ")" : name(i));
        }
        return names;
    }

    /** The data of an HDU as nom-tam-fits holds it; never null. */
    Object kernel(int index) throws MassmapIoException {
        Object kernel = hdus.get(index).getKernel(); // nom-tam-fits logs read errors and returns null
        if (kernel == null) {
            throw error(index, "has data that cannot be read (damaged or truncated file)");
        }
        return kernel;
    }

    /** "HDU 2 'KAPPA_STD'" for messages (0-based, 0 = primary). */
    String describe(int index) {
        String name = name(index);
        return "HDU " + index + (name == null ? "" : " '" + name + "'");
    }

    MassmapIoException error(int index, String problem) {
        return new MassmapIoException(path, describe(index) + " " + problem);
    }

    MassmapIoException error(int index, String problem, Throwable cause) {
        return new MassmapIoException(path, describe(index) + " " + problem, cause);
    }

    @Override
    public void close() throws MassmapIoException {
        try {
            fits.close();
        } catch (IOException e) {
            throw new MassmapIoException(path, "cannot close", e);
        }
    }

    /** Checks the path and the whole file's structure ({@link FitsStructure#all}) before nom-tam-fits reads it. */
    private static void checkStructure(Path path) throws MassmapIoException {
        if (!Files.exists(path)) {
            throw new MassmapIoException(path, "no such file");
        }
        if (!Files.isRegularFile(path)) {
            throw new MassmapIoException(path, "is not a regular file; expected a FITS file");
        }
        try (RandomAccessInput in = RandomAccessInput.of(FileChannel.open(path, StandardOpenOption.READ))) {
            FitsStructure.all(in, Files.size(path));
        } catch (FitsStructureException e) {
            throw new MassmapIoException(path, e.getMessage(), e);
        } catch (IOException e) {
            throw new MassmapIoException(path, "cannot read", e);
        }
    }

    private static FitsKeywords keywordsOf(Header header) {
        Map<String, Object> values = new LinkedHashMap<>();
        Cursor<String, HeaderCard> cursor = header.iterator();
        while (cursor.hasNext()) {
            HeaderCard card = cursor.next();
            if (!card.isKeyValuePair()) {
                continue;
            }
            Object value;
            if (card.isStringValue()) {
                value = card.getValue();
            } else if (Boolean.class.equals(card.valueType())) {
                value = card.getValue(Boolean.class, null);
            } else if (card.isIntegerType()) {
                Long l = card.getValue(Long.class, null);
                value = l != null ? l : card.getValue(Double.class, null);
            } else if (card.isDecimalType()) {
                value = card.getValue(Double.class, null);
            } else {
                value = card.getValue();
            }
            if (value != null) {
                values.put(card.getKey(), value);
            }
        }
        return FitsKeywords.fromHeader(values);
    }

    private static void closeAfterFailure(Fits fits, Exception failure) {
        if (fits == null) {
            return;
        }
        try {
            fits.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return path + " " + Arrays.toString(names().toArray());
    }
}
