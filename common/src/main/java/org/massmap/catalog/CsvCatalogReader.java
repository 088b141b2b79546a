package org.massmap.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams galaxies from a text table: lines starting with '#' and blank lines are skipped, the
 * first other line names the columns (matched case-insensitively, optional double quotes), and
 * every further line is one galaxy. Fields are separated by commas if the header has one, else by
 * tabs if it has one, else by runs of spaces. Comma- and tab-separated lines follow RFC 4180's
 * quoting (a field in double quotes may hold the delimiter, and "" stands for a quote; parsed by
 * Apache Commons CSV), except that a quoted field cannot span lines. Every row must have as many
 * fields as the header.
 * Numbers are parsed with {@link Double#parseDouble}; an empty field, "nan", "inf" or "-inf" (any
 * case) reads as non-finite and drops the row. gzip-compressed files are read transparently.
 * The file is any {@link CatalogSource}, read as one stream from byte 0.
 *
 * <p>A CSV catalog is read whole, by one reader (one task in Spark): its rows have no fixed width,
 * so row <i>i</i> cannot be found without reading the rows before it, a gzip stream cannot be
 * entered in the middle, and every part would need the header line. Convert a catalog that is too
 * large for one task to a FITS binary table, which {@link FitsCatalogReader} splits by row range.
 * Not thread-safe.
 */
public final class CsvCatalogReader implements CatalogReader {
    private static final Logger LOG = LoggerFactory.getLogger(CsvCatalogReader.class);

    private final String source;
    private final ColumnMapping mapping;
    private final BufferedReader in;
    private final char delimiter;
    private final int fieldCount;
    /** Field index of ra, dec, e1, e2[, weight]. */
    private final int[] fieldOf;
    private final String[] fieldNames;
    private final double[] values;
    private long lineNumber;
    private final RowFilter filter;
    private boolean finished;

    private CsvCatalogReader(String source, ColumnMapping mapping, BufferedReader in, char delimiter,
                             List<String> header, long headerLine) throws CatalogException {
        this.source = source;
        this.mapping = mapping;
        this.in = in;
        this.delimiter = delimiter;
        this.fieldCount = header.size();
        this.lineNumber = headerLine;
        List<String> used = mapping.usedColumns();
        this.fieldOf = new int[used.size()];
        this.fieldNames = new String[used.size()];
        List<String> missing = new ArrayList<>();
        for (int u = 0; u < used.size(); u++) {
            fieldOf[u] = -1;
            for (int f = 0; f < header.size(); f++) {
                if (header.get(f).equalsIgnoreCase(used.get(u).trim())) {
                    if (fieldOf[u] >= 0) {
                        throw new CatalogException(source, "the header names column '" + used.get(u) + "' twice (fields "
                                + (fieldOf[u] + 1) + " and " + (f + 1) + ", ignoring case); rename one");
                    }
                    fieldOf[u] = f;
                }
            }
            if (fieldOf[u] < 0) {
                missing.add("'" + used.get(u) + "'");
            }
            fieldNames[u] = used.get(u);
        }
        if (!missing.isEmpty()) {
            throw new CatalogException(source, "column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + " not found in the header line (line " + headerLine + "); available columns: "
                    + String.join(", ", header) + ". Name the catalog's own columns in the configuration (catalog.ra, catalog.dec, catalog.e1, catalog.e2,"
                    + " catalog.weight; e.g. --set catalog.e2=NAME)");
        }
        this.values = new double[used.size()];
        this.filter = new RowFilter(source, mapping, "line", fieldNames[1], mapping.hasWeight() ? fieldNames[4] : null);
    }

    /** Opens the local file {@code file} and reads its header line. */
    public static CsvCatalogReader open(Path file, ColumnMapping mapping) throws CatalogException {
        return open(CatalogSource.of(file), mapping);
    }

    /** Opens {@code source} (read once, from byte 0) and reads its header line. */
    public static CsvCatalogReader open(CatalogSource source, ColumnMapping mapping) throws CatalogException {
        String name = source.name();
        InputStream raw = source.openStream();
        BufferedReader reader;
        try {
            reader = new BufferedReader(new InputStreamReader(maybeGunzip(raw), StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            CatalogException failure = new CatalogException(name, "cannot open the catalog: " + e.getMessage(), e);
            try {
                raw.close();
            } catch (IOException suppressed) {
                failure.addSuppressed(suppressed);
            }
            throw failure;
        }
        try {
            long line = 0;
            String text;
            while ((text = reader.readLine()) != null) {
                line++;
                String t = text.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                char delimiter = t.indexOf(',') >= 0 ? ',' : t.indexOf('\t') >= 0 ? '\t' : ' ';
                List<String> header = new ArrayList<>();
                for (String field : split(t, delimiter, name, line)) {
                    header.add(unquote(field.strip()));
                }
                return new CsvCatalogReader(name, mapping, reader, delimiter, header, line);
            }
            throw new CatalogException(name, "the catalog is empty: no header line naming the columns "
                    + mapping.usedColumns());
        } catch (IOException e) {
            closeQuietlyAfterFailure(reader, e);
            throw new CatalogException(name, "cannot read the catalog: " + e.getMessage(), e);
        } catch (CatalogException e) {
            closeQuietlyAfterFailure(reader, e);
            throw e;
        }
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public boolean next(GalaxyChunk chunk) throws CatalogException {
        chunk.clear();
        if (finished) {
            return false;
        }
        try {
            String text;
            while (!chunk.isFull() && (text = in.readLine()) != null) {
                lineNumber++;
                if (isSkipped(text)) {
                    continue;
                }
                parse(text);
                filter.add(chunk, values[0], values[1], values[2], values[3], mapping.hasWeight() ? values[4] : 1.0, lineNumber);
            }
        } catch (IOException e) {
            throw new CatalogException(source, "cannot read line " + (lineNumber + 1) + ": " + e.getMessage(), e);
        }
        if (chunk.size() > 0) {
            return true;
        }
        finished = true;
        if (filter.rowsRead() == 0) {
            throw new CatalogException(source, "the catalog is empty: a header line but no data rows");
        }
        ReadStats s = stats();
        if (s.dropped() > 0) {
            LOG.info("{}", s);
        } else {
            LOG.debug("{}", s);
        }
        return false;
    }

    private static boolean isSkipped(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '#') {
                return true;
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /** Parses the used fields of one data line into {@link #values}. */
    private void parse(String text) throws CatalogException {
        List<String> fields = split(delimiter == ' ' ? text.strip() : text, delimiter, source, lineNumber);
        if (fields.size() != fieldCount) {
            throw new CatalogException(source, "line " + lineNumber + " has " + fields.size() + " fields but the header names "
                    + fieldCount + " columns; fix the row or the delimiter");
        }
        for (int u = 0; u < fieldOf.length; u++) {
            String field = fields.get(fieldOf[u]).strip();
            values[u] = number(field, u);
        }
    }

    private double number(String field, int u) throws CatalogException {
        String text = unquote(field).strip();
        if (text.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            switch (lower) {
                case "nan", "+nan", "-nan", "null", "none" -> {
                    return Double.NaN;
                }
                case "inf", "+inf", "infinity", "+infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-inf", "-infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> throw new CatalogException(source, "line " + lineNumber + ", column '" + fieldNames[u] + "': '"
                        + field + "' is not a number; the column must be numeric", e);
            }
        }
    }

    /** The fields of one line; a line with a double quote is parsed by RFC 4180 rules. */
    private static List<String> split(String text, char delimiter, String source, long line) throws CatalogException {
        List<String> out = new ArrayList<>();
        if (delimiter != ' ' && text.indexOf('"') >= 0) {
            CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreSurroundingSpaces(true).build();
            try (CSVParser p = CSVParser.parse(text, format)) {
                for (CSVRecord r : p) {
                    r.forEach(out::add);
                }
            } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
                throw new CatalogException(source, "line " + line + ": a double quote that does not open or close a quoted field"
                        + " (quoted fields may hold the delimiter and \"\" for a quote, but not span lines): " + e.getMessage(), e);
            }
            return out;
        }
        if (delimiter == ' ') {
            for (String s : text.strip().split("\\s+")) {
                out.add(s);
            }
            return out;
        }
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == delimiter) {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static InputStream maybeGunzip(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 2);
        byte[] magic = in.readNBytes(2);
        in.unread(magic);
        boolean gzip = magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        return gzip ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static void closeQuietlyAfterFailure(BufferedReader reader, Exception primary) {
        try {
            reader.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    @Override
    public ReadStats stats() {
        return filter.stats();
    }

    @Override
    public void close() throws CatalogException {
        try {
            in.close();
        } catch (IOException e) {
            throw new CatalogException(source, "cannot close the catalog: " + e.getMessage(), e);
        }
    }
}
