package org.massmap.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * An opened, structurally validated FITS file (package-private plumbing for the readers).
 *
 * <p>nom-tam-fits does not always throw on damaged files (docs/building.md): a file truncated in its
 * data reads "successfully" with null kernels, and one truncated inside a later header silently
 * loses that HDU. So besides catching its exceptions, {@link #open} checks that the file starts with
 * {@code SIMPLE =}, that every HDU's declared data fits in the file, and that no bytes follow the
 * last complete HDU.
 */
final class FitsFile implements AutoCloseable {

    static final int BLOCK = 2880;

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
        long length = checkSignature(path);
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
            FitsFile file = new FitsFile(path, fits, hdus, keywords);
            file.checkSizes(length);
            return file;
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

    private static long checkSignature(Path path) throws MassmapIoException {
        if (!Files.exists(path)) {
            throw new MassmapIoException(path, "no such file");
        }
        if (!Files.isRegularFile(path)) {
            throw new MassmapIoException(path, "is not a regular file; expected a FITS file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            long length = Files.size(path);
            if (length == 0) {
                throw new MassmapIoException(path, "the file is empty (0 bytes); expected a FITS file");
            }
            byte[] first = in.readNBytes(10);
            String start = new String(first, StandardCharsets.US_ASCII);
            if (!start.startsWith("SIMPLE  =")) {
                throw new MassmapIoException(path, "not a FITS file: it does not start with the card 'SIMPLE  = T' (starts with '"
                        + printable(start) + "')");
            }
            if (!hasEndCard(first, in)) {
                throw new MassmapIoException(path, "is truncated inside the primary header (no END card in its " + length
                        + " bytes); re-create or re-copy it");
            }
            return length;
        } catch (IOException e) {
            throw new MassmapIoException(path, "cannot read", e);
        }
    }

    /** Whether an END card follows; {@code first} holds the first bytes already read from {@code in}. */
    private static boolean hasEndCard(byte[] first, InputStream in) throws IOException {
        byte[] card = new byte[80];
        System.arraycopy(first, 0, card, 0, first.length);
        int n = first.length + in.readNBytes(card, first.length, 80 - first.length);
        while (n == 80) {
            if (card[0] == 'E' && card[1] == 'N' && card[2] == 'D' && isBlank(card, 3, 8)) {
                return true;
            }
            n = in.readNBytes(card, 0, 80);
        }
        return false;
    }

    private static boolean isBlank(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != ' ') {
                return false;
            }
        }
        return true;
    }

    private void checkSizes(long length) throws MassmapIoException {
        long end = 0;
        for (int i = 0; i < hdus.size(); i++) {
            Header h = hdus.get(i).getHeader();
            long dataStart = h.getFileOffset() + h.getSize();
            long dataEnd = dataStart + dataBytes(i);
            if (dataEnd > length) {
                throw error(i, "is truncated: its data needs the file to reach byte " + dataEnd + " but the file has only "
                        + length + " bytes; re-create or re-copy it");
            }
            end = (dataEnd + BLOCK - 1) / BLOCK * BLOCK;
        }
        if (length > end) {
            throw new MassmapIoException(path, (length - end) + " bytes follow the last complete HDU (" + describe(hdus.size() - 1)
                    + "): the file is truncated inside a further header, or has trailing garbage");
        }
    }

    /** Unpadded data size declared by the header: |BITPIX|/8 * GCOUNT * (PCOUNT + NAXIS1*...*NAXISn). */
    private long dataBytes(int index) throws MassmapIoException {
        FitsKeywords k = keywords.get(index);
        int[] axes = axes(index);
        if (axes.length == 0) {
            return 0;
        }
        long product = 1;
        for (int n : axes) {
            product = Math.multiplyExact(product, n);
        }
        long bitpix = Math.abs(k.integer("BITPIX").orElse(8L));
        long pcount = k.integer("PCOUNT").orElse(0L);
        long gcount = k.integer("GCOUNT").orElse(1L);
        return bitpix / 8 * gcount * (pcount + product);
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

    private static String printable(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (c[i] < 0x20 || c[i] > 0x7e) {
                c[i] = '?';
            }
        }
        return new String(c);
    }

    @Override
    public String toString() {
        return path + " " + Arrays.toString(names().toArray());
    }
}
