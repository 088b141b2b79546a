package org.massmap.io.fits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import nom.tam.fits.Header;
import nom.tam.fits.TruncatedFileException;
import nom.tam.util.FitsInputStream;
import org.massmap.io.RandomAccessInput;

/**
 * The one FITS structure scanner: walks the HDUs of a FITS file by positional reads of their headers
 * only (so it works on any {@link RandomAccessInput}: a local file, a stream on a Hadoop file system),
 * and checks every size against the file's length, because nom-tam-fits logs instead of throwing on
 * several kinds of damage (docs/building.md): the first card must be {@code SIMPLE = T}; every header
 * must end with an {@code END} card inside the file; every HDU's declared data (FITS standard 4.0,
 * section 4.4.1: |BITPIX|/8 · GCOUNT · (PCOUNT + NAXIS1 ⋯ NAXISn) bytes, padded to 2880-byte blocks)
 * must fit in the file. {@link #all} also rejects bytes after the last complete HDU (a file cut inside a
 * later header, or trailing garbage). The padding of the last block may be missing.
 *
 * <p>Readers wrap the {@link FitsStructureException}s in their own exception naming the file. Not
 * thread-safe: one scan per reader.
 */
public final class FitsStructure {
    /** FITS block size, bytes. */
    public static final int BLOCK = 2880;
    private static final int CARD = 80;

    private final RandomAccessInput in;
    private final long length;
    private long next;
    private int index;
    private Hdu last;

    /**
     * One HDU's place in the file.
     *
     * @param index       0 for the primary HDU
     * @param header      its header, parsed by nom-tam-fits
     * @param headerStart byte offset of the header
     * @param dataStart   byte offset of the data (just after the header's last block)
     * @param dataBytes   declared data size, unpadded
     */
    public record Hdu(int index, Header header, long headerStart, long dataStart, long dataBytes) {
        /** XTENSION, or "PRIMARY" for HDU 0. */
        public String xtension() {
            return index == 0 ? "PRIMARY" : header.getStringValue("XTENSION", "?").trim();
        }

        /** EXTNAME, or "". */
        public String extname() {
            String name = header.getStringValue("EXTNAME", "");
            return name == null ? "" : name.trim();
        }

        /** "HDU 2 'KAPPA_STD'" for messages. */
        public String describe() {
            return "HDU " + index + (extname().isEmpty() ? "" : " '" + extname() + "'");
        }

        /** First byte after this HDU's padded data: where the next header starts. */
        public long end() {
            return dataStart + (dataBytes + BLOCK - 1) / BLOCK * BLOCK;
        }
    }

    private FitsStructure(RandomAccessInput in, long length) {
        this.in = in;
        this.length = length;
    }

    /**
     * Starts a scan of a file of {@code length} bytes read through {@code in} (which stays open and
     * belongs to the caller), checking the first card.
     */
    public static FitsStructure scan(RandomAccessInput in, long length) throws FitsStructureException {
        if (length == 0) {
            throw new FitsStructureException("not a FITS file: the file is empty (0 bytes)");
        }
        byte[] first = new byte[(int) Math.min(CARD, length)];
        try {
            in.readFully(0, first, 0, first.length);
        } catch (IOException e) {
            throw new FitsStructureException("cannot read: " + e.getMessage(), e);
        }
        String card = new String(first, StandardCharsets.US_ASCII);
        if (!card.startsWith("SIMPLE  =") || card.length() < 30 || card.charAt(29) != 'T') {
            throw new FitsStructureException("not a FITS file: it does not start with the card 'SIMPLE  = T' (starts with '"
                    + printable(card.substring(0, Math.min(10, card.length()))) + "')");
        }
        return new FitsStructure(in, length);
    }

    /** Every HDU of the file, checking also that no bytes follow the last one. */
    public static List<Hdu> all(RandomAccessInput in, long length) throws FitsStructureException {
        FitsStructure scan = scan(in, length);
        List<Hdu> hdus = new ArrayList<>();
        for (Hdu h = scan.next(); h != null; h = scan.next()) {
            hdus.add(h);
        }
        return hdus;
    }

    /** The next HDU, or null after the last one (the file ends exactly there, or in its padding). */
    public Hdu next() throws FitsStructureException {
        if (next >= length && index > 0) {
            return null;
        }
        long at = next;
        long headerBytes = headerBytes(at);
        Header header = parse(at);
        long dataStart = at + headerBytes;
        long data = dataBytes(header);
        Hdu hdu = new Hdu(index, header, at, dataStart, data);
        if (dataStart + data > length) {
            throw new FitsStructureException("truncated FITS: " + hdu.describe() + " is truncated: its data needs the file to reach byte "
                    + (dataStart + data) + " but the file has only " + length + " bytes; re-create or re-copy it");
        }
        last = hdu;
        index++;
        next = hdu.end();
        return hdu;
    }

    /** Size of the header starting at {@code at}: whole blocks up to the one holding the END card. */
    private long headerBytes(long at) throws FitsStructureException {
        byte[] block = new byte[BLOCK];
        try {
            for (long start = at; start < length; start += BLOCK) {
                int bytes = (int) Math.min(BLOCK, length - start);
                in.readFully(start, block, 0, bytes);
                for (int card = 0; card + CARD <= bytes; card += CARD) {
                    if (isEndCard(block, card)) {
                        return start + BLOCK - at;
                    }
                }
            }
        } catch (IOException e) {
            throw new FitsStructureException("cannot read the header of HDU " + index + " at byte " + at + ": " + e.getMessage(), e);
        }
        String after = last == null ? "" : "; " + (length - at) + " bytes follow the last complete HDU (" + last.describe() + ")";
        throw new FitsStructureException("truncated FITS: the file ends inside the header of HDU " + index + " (starting at byte "
                + at + ", no END card)" + after + "; re-create or re-copy it");
    }

    private Header parse(long at) throws FitsStructureException {
        try (FitsInputStream stream = new FitsInputStream(new PositionedInputStream(in, at, length), BLOCK)) {
            Header header = Header.readHeader(stream);
            if (header == null) {
                throw new FitsStructureException("corrupt FITS: no valid header where HDU " + index + " should start (byte " + at
                        + "); re-create or re-copy it");
            }
            return header;
        } catch (TruncatedFileException e) {
            throw new FitsStructureException("truncated FITS: the file ends inside the header of HDU " + index
                    + " (starting at byte " + at + "); re-create or re-copy it", e);
        } catch (IOException | RuntimeException e) {
            // nom-tam-fits reports some malformed cards with unchecked exceptions
            throw new FitsStructureException("corrupt FITS header of HDU " + index + " at byte " + at + ": " + e, e);
        }
    }

    /** Declared data bytes, unpadded: |BITPIX|/8 · GCOUNT · (PCOUNT + NAXIS1 ⋯ NAXISn). */
    private long dataBytes(Header header) throws FitsStructureException {
        int naxis = header.getIntValue("NAXIS", 0);
        if (naxis == 0) {
            return 0;
        }
        long product = 1;
        for (int i = 1; i <= naxis; i++) {
            long n = header.getLongValue("NAXIS" + i, -1);
            if (n < 0) {
                throw new FitsStructureException("corrupt FITS header of HDU " + index + ": NAXIS" + i + " is missing or negative");
            }
            product = multiply(product, n);
        }
        long bitpix = Math.abs(header.getIntValue("BITPIX", 8));
        long pcount = header.getLongValue("PCOUNT", 0);
        long gcount = header.getLongValue("GCOUNT", 1);
        return multiply(bitpix / 8 * gcount, pcount + product);
    }

    private long multiply(long a, long b) throws FitsStructureException {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new FitsStructureException("corrupt FITS header of HDU " + index + ": its declared data size overflows", e);
        }
    }

    private static boolean isEndCard(byte[] block, int from) {
        if (block[from] != 'E' || block[from + 1] != 'N' || block[from + 2] != 'D') {
            return false;
        }
        for (int i = 3; i < 8; i++) {
            if (block[from + i] != ' ') {
                return false;
            }
        }
        return true;
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
}
