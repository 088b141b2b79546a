package org.massmap.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nom.tam.fits.Header;
import nom.tam.fits.TruncatedFileException;
import nom.tam.util.FitsInputStream;

/**
 * Where the galaxy columns sit in a FITS file: the first BINTABLE HDU holding all mapped columns,
 * its data offset, row width, row count and one decoder per used column. Each header is read by
 * positional reads from its own offset (so only the headers are read, from any
 * {@link CatalogSource}) and parsed with nom-tam-fits; because it logs (instead of throwing) on
 * several kinds of damage, every size and count is checked here against the source length.
 */
record FitsTableLayout(String source, int hdu, String extname, long dataOffset, int rowBytes, long rows,
                       long fileLength, FitsColumn[] columns) {

    private static final int BLOCK = 2880;
    private static final int CARD = 80;

    /**
     * Scans the headers of {@code source}, read through {@code in}, for the first binary table with
     * all columns of {@code mapping}. Every size is checked against the source length.
     */
    static FitsTableLayout locate(CatalogSource source, RandomAccessInput in, ColumnMapping mapping)
            throws CatalogException {
        String name = source.name();
        long length = checkFitsStart(source, in);
        List<String> firstTableColumns = null;
        int firstTableHdu = -1;
        List<String> seen = new ArrayList<>();
        boolean anyShearColumn = false;
        long headerStart = 0;
        for (int hdu = 0; headerStart < length; hdu++) {
            Header header = readHeader(in, name, hdu, headerStart, length);
            if (header == null) {
                throw new CatalogException(name, "truncated or corrupt FITS: no valid header where HDU " + hdu
                        + " should start (byte " + headerStart + " of " + length + "); re-copy or regenerate the file");
            }
            long dataStart = headerStart + headerBytes(in, name, hdu, headerStart, length);
            long dataSize = header.getDataSize();
            String xtension = header.getStringValue("XTENSION", hdu == 0 ? "PRIMARY" : "?").trim();
            seen.add(hdu + ":" + xtension);
            if ("BINTABLE".equalsIgnoreCase(xtension)) {
                List<String> names = columnNames(header);
                anyShearColumn |= indexOf(names, mapping.e1()) >= 0 || indexOf(names, mapping.e2()) >= 0;
                if (firstTableColumns == null) {
                    firstTableColumns = names;
                    firstTableHdu = hdu;
                }
                if (allPresent(names, mapping)) {
                    return build(name, hdu, header, names, mapping, dataStart, length);
                }
            }
            if (dataStart + dataSize > length && dataStart + unpadded(header) > length) {
                throw new CatalogException(name, "truncated FITS: HDU " + hdu + " (" + xtension + ") needs "
                        + unpadded(header) + " data bytes after byte " + dataStart + " but the file has " + length
                        + " bytes; re-copy or regenerate the file");
            }
            headerStart = dataStart + dataSize;
        }
        if (firstTableColumns == null) {
            throw CatalogException.notACatalog(name, "no binary table (BINTABLE extension) found; HDUs present: " + seen
                    + "; the catalog must be a FITS binary table with columns " + mapping.usedColumns());
        }
        List<String> missing = new ArrayList<>();
        for (String c : mapping.usedColumns()) {
            if (indexOf(firstTableColumns, c) < 0) {
                missing.add(c);
            }
        }
        String message = "column" + (missing.size() > 1 ? "s " : " ") + quoted(missing)
                + " not found in the binary table (HDU " + firstTableHdu + "); available columns: "
                + String.join(", ", firstTableColumns) + ". Name the catalog's own columns in the configuration (catalog.ra, catalog.dec, catalog.e1, catalog.e2,"
                    + " catalog.weight; e.g. --set catalog.e2=NAME)";
        throw anyShearColumn ? new CatalogException(name, message) : CatalogException.notACatalog(name, message);
    }

    /** Checks the first card and the minimum size; returns the source length. */
    private static long checkFitsStart(CatalogSource source, RandomAccessInput in) throws CatalogException {
        String name = source.name();
        long length = source.length();
        byte[] first = new byte[80];
        int got = 0;
        try {
            while (got < first.length) {
                int n = in.read(got, first, got, first.length - got);
                if (n < 0) {
                    break;
                }
                got += n;
            }
        } catch (IOException e) {
            throw new CatalogException(name, "cannot read the catalog: " + e.getMessage(), e);
        }
        String card = new String(first, 0, got, StandardCharsets.US_ASCII);
        if (!card.startsWith("SIMPLE  =") || got < 30 || card.charAt(29) != 'T') {
            throw new CatalogException(name, "not a FITS file: it does not start with the card 'SIMPLE  = T'"
                    + (length == 0 ? " (the file is empty)" : "") + "; give a FITS binary table or a CSV file");
        }
        if (length < BLOCK) {
            throw new CatalogException(name, "truncated FITS: " + length + " bytes, less than one " + BLOCK
                    + "-byte header block; re-copy or regenerate the file");
        }
        return length;
    }

    /** Parses the header starting at byte {@code at} with nom-tam-fits. */
    private static Header readHeader(RandomAccessInput in, String name, int hdu, long at, long length)
            throws CatalogException {
        try (FitsInputStream stream = new FitsInputStream(new PositionedInputStream(in, at, length), BLOCK)) {
            return Header.readHeader(stream);
        } catch (TruncatedFileException e) {
            throw new CatalogException(name, "truncated FITS: the file ends inside the header of HDU " + hdu
                    + " (starting at byte " + at + "); re-copy or regenerate the file", e);
        } catch (IOException e) {
            throw new CatalogException(name, "corrupt FITS header of HDU " + hdu + " at byte " + at + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // nom-tam-fits reports some malformed cards with unchecked exceptions
            throw new CatalogException(name, "corrupt FITS header of HDU " + hdu + " at byte " + at + ": " + e, e);
        }
    }

    /**
     * Size in bytes of the header starting at byte {@code at}, already parsed: the whole 2880-byte
     * blocks up to and including the one with the END card (FITS standard 4.0, section 4.4.1). The
     * padding of the last block may lie past the end of a truncated file; the data-size checks
     * that follow report that.
     */
    private static long headerBytes(RandomAccessInput in, String name, int hdu, long at, long length)
            throws CatalogException {
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
            throw new CatalogException(name, "cannot read the header of HDU " + hdu + " at byte " + at + ": "
                    + e.getMessage(), e);
        }
        throw new CatalogException(name, "truncated FITS: the file ends inside the header of HDU " + hdu
                + " (starting at byte " + at + "); re-copy or regenerate the file");
    }

    /** Whether the 80-byte card at {@code from} is {@code END} followed by blanks to column 8. */
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

    private static long unpadded(Header header) {
        long naxis = header.getIntValue("NAXIS", 0);
        if (naxis == 0) {
            return 0;
        }
        long bytes = Math.abs(header.getIntValue("BITPIX", 8)) / 8;
        for (int i = 1; i <= naxis; i++) {
            bytes *= header.getLongValue("NAXIS" + i, 0);
        }
        return bytes + header.getLongValue("PCOUNT", 0);
    }

    private static List<String> columnNames(Header header) {
        int n = header.getIntValue("TFIELDS", 0);
        List<String> names = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            String t = header.getStringValue("TTYPE" + i, null);
            names.add(t == null ? "" : t.trim());
        }
        return names;
    }

    private static boolean allPresent(List<String> names, ColumnMapping mapping) {
        for (String c : mapping.usedColumns()) {
            if (indexOf(names, c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(List<String> names, String wanted) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(wanted.trim())) {
                return i;
            }
        }
        return -1;
    }

    private static FitsTableLayout build(String name, int hdu, Header header, List<String> names, ColumnMapping mapping,
                                         long dataStart, long length) throws CatalogException {
        long rows = header.getLongValue("NAXIS2", -1);
        long rowBytesLong = header.getLongValue("NAXIS1", -1);
        if (header.getIntValue("NAXIS", 0) != 2 || rows < 0 || rowBytesLong < 0 || rowBytesLong > Integer.MAX_VALUE) {
            throw new CatalogException(name, "corrupt binary table header in HDU " + hdu + ": NAXIS=" + header.getIntValue("NAXIS", 0)
                    + ", NAXIS1=" + rowBytesLong + ", NAXIS2=" + rows + "; re-copy or regenerate the file");
        }
        int rowBytes = (int) rowBytesLong;
        if (rows == 0) {
            throw new CatalogException(name, "the catalog is empty: the binary table in HDU " + hdu + " has 0 rows");
        }
        // Byte offset of every column inside a row, from the TFORMs of all columns.
        int[] offsets = new int[names.size()];
        long offset = 0;
        for (int c = 0; c < names.size(); c++) {
            String tform = header.getStringValue("TFORM" + (c + 1), null);
            long width = tform == null ? -1 : FitsColumn.byteWidth(tform);
            if (width < 0) {
                throw new CatalogException(name, "corrupt binary table header in HDU " + hdu + ": TFORM" + (c + 1) + " = '"
                        + tform + "' is missing or not a valid FITS binary-table format");
            }
            offsets[c] = (int) Math.min(Integer.MAX_VALUE, offset);
            offset += width;
        }
        if (offset != rowBytes) {
            throw new CatalogException(name, "corrupt binary table header in HDU " + hdu + ": the TFORMs add up to "
                    + offset + " bytes per row but NAXIS1=" + rowBytes);
        }
        if (dataStart + rows * rowBytes > length) {
            throw new CatalogException(name, "truncated FITS: the binary table in HDU " + hdu + " has " + rows + " rows of "
                    + rowBytes + " bytes (" + rows * rowBytes + " bytes from byte " + dataStart + ") but the file has only "
                    + length + " bytes; re-copy or regenerate the file");
        }
        List<String> used = mapping.usedColumns();
        FitsColumn[] columns = new FitsColumn[used.size()];
        for (int u = 0; u < used.size(); u++) {
            int c = indexOf(names, used.get(u));
            columns[u] = FitsColumn.of(name, header, c, offsets[c]);
        }
        String extname = header.getStringValue("EXTNAME", "");
        return new FitsTableLayout(name, hdu, extname == null ? "" : extname.trim(), dataStart, rowBytes, rows, length, columns);
    }

    private static String quoted(List<String> names) {
        List<String> q = new ArrayList<>();
        for (String s : names) {
            q.add("'" + s + "'");
        }
        return String.join(", ", q);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s HDU %d%s: %d rows of %d bytes at byte %d", source, hdu,
                extname.isEmpty() ? "" : " (" + extname + ")", rows, rowBytes, dataOffset);
    }
}
