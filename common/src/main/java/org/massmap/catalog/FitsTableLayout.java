package org.massmap.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nom.tam.fits.Header;
import org.massmap.io.RandomAccessInput;
import org.massmap.io.fits.FitsStructure;
import org.massmap.io.fits.FitsStructureException;

/**
 * Where the galaxy columns sit in a FITS file: the first BINTABLE HDU holding all mapped columns,
 * its data offset, row width, row count and one decoder per used column. The HDUs are walked by
 * {@link FitsStructure} (headers only, by positional reads from any {@link CatalogSource}, every
 * size checked against the source length); the table's own header is then checked here.
 */
record FitsTableLayout(String source, int hdu, String extname, long dataOffset, int rowBytes, long rows,
                       long fileLength, FitsColumn[] columns) {

    /**
     * Scans the headers of {@code source}, read through {@code in}, for the first binary table with
     * all columns of {@code mapping}. Every size is checked against the source length.
     */
    static FitsTableLayout locate(CatalogSource source, RandomAccessInput in, ColumnMapping mapping)
            throws CatalogException {
        String name = source.name();
        long length = source.length();
        List<String> firstTableColumns = null;
        int firstTableHdu = -1;
        List<String> seen = new ArrayList<>();
        boolean anyShearColumn = false;
        try {
            FitsStructure scan = FitsStructure.scan(in, length);
            for (FitsStructure.Hdu hdu = scan.next(); hdu != null; hdu = scan.next()) {
                seen.add(hdu.index() + ":" + hdu.xtension());
                if ("BINTABLE".equalsIgnoreCase(hdu.xtension())) {
                    List<String> names = columnNames(hdu.header());
                    anyShearColumn |= indexOf(names, mapping.e1()) >= 0 || indexOf(names, mapping.e2()) >= 0;
                    if (firstTableColumns == null) {
                        firstTableColumns = names;
                        firstTableHdu = hdu.index();
                    }
                    if (allPresent(names, mapping)) {
                        return build(name, hdu, names, mapping, length);
                    }
                }
            }
        } catch (FitsStructureException e) {
            throw new CatalogException(name, e.getMessage() + (e.getMessage().startsWith("not a FITS file")
                    ? "; give a FITS binary table or a CSV file" : ""), e);
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

    private static FitsTableLayout build(String name, FitsStructure.Hdu table, List<String> names, ColumnMapping mapping,
                                         long length) throws CatalogException {
        int hdu = table.index();
        Header header = table.header();
        long dataStart = table.dataStart();
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
        return new FitsTableLayout(name, hdu, table.extname(), dataStart, rowBytes, rows, length, columns);
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
