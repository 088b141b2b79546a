package org.massmap.io.fits;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import nom.tam.util.FitsOutputStream;
import org.massmap.io.AtomicFile;
import org.massmap.io.MassmapIoException;

/**
 * Streams FITS binary tables to a file in chunks, for tables too large to hold in memory (mock
 * catalogs): rows are encoded as they arrive and the row count (NAXIS2) is filled into the header
 * when the table ends. The file holds an empty primary HDU carrying the provenance, then one
 * BINTABLE extension per table with TTYPE/TFORM/TUNIT, EXTNAME and provenance. It appears
 * atomically at {@link #commit()}; closing without commit deletes the partial output.
 *
 * <p>Limits: scalar columns only ({@link ColumnSpec.Type}); at most 2^31-1 rows per table (what
 * nom-tam-fits reads back); reading a table back ({@link FitsTables}) loads it into memory.
 *
 * <pre>{@code
 * try (FitsTableWriter w = FitsTableWriter.open(file, provenance)) {
 *     w.beginTable("CATALOG", List.of(ColumnSpec.doubles("ra", "deg"), ColumnSpec.doubles("dec", "deg"),
 *             ColumnSpec.doubles("e1", null), ColumnSpec.doubles("e2", null), ColumnSpec.doubles("w", null)), FitsKeywords.empty());
 *     for (...) w.append(TableColumn.doubles("ra", "deg", ra), ...);   // one chunk of rows
 *     w.commit();
 * }
 * }</pre>
 * Not thread-safe.
 */
public final class FitsTableWriter implements AutoCloseable {

    private static final int BUFFER_BYTES = 1 << 16;

    private final AtomicFile atomic;
    private final FileOutputStream file;
    private final FitsOutputStream out;
    private final Provenance provenance;
    private final List<long[]> finished = new ArrayList<>(); // {header start, header end, rows}

    private String tableName;
    private List<ColumnSpec> columns;
    private int rowBytes;
    private long headerStart;
    private long headerEnd;
    private long rows;
    private boolean committed;

    private FitsTableWriter(AtomicFile atomic, FileOutputStream file, FitsOutputStream out, Provenance provenance) {
        this.atomic = atomic;
        this.file = file;
        this.out = out;
        this.provenance = provenance;
    }

    /** Starts the file and writes its primary HDU (no data, provenance keywords). */
    public static FitsTableWriter open(Path target, Provenance provenance) throws MassmapIoException {
        Header primary = new Header();
        FitsHeaders.put(primary, FitsKeywords.empty().with("SIMPLE", true).with("BITPIX", 8).with("NAXIS", 0)
                .with("EXTEND", true), false, target);
        FitsHeaders.describe(primary, "PRIMARY", null, null, provenance, FitsKeywords.empty(), target);
        AtomicFile atomic = AtomicFile.begin(target);
        FileOutputStream file = null;
        try {
            file = new FileOutputStream(atomic.temp().toFile());
            FitsOutputStream out = new FitsOutputStream(file);
            primary.write(out);
            return new FitsTableWriter(atomic, file, out, provenance);
        } catch (IOException | FitsException e) {
            MassmapIoException failure = new MassmapIoException(target, "cannot start writing the table file", e);
            discard(file, atomic, failure);
            throw failure;
        }
    }

    /** Convenience: {@link #open(Path, Provenance)} then {@link #beginTable}. */
    public static FitsTableWriter open(Path target, Provenance provenance, String name, List<ColumnSpec> columns,
            FitsKeywords extra) throws MassmapIoException {
        FitsTableWriter w = open(target, provenance);
        try {
            w.beginTable(name, columns, extra);
            return w;
        } catch (MassmapIoException | RuntimeException e) {
            try {
                w.close();
            } catch (MassmapIoException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** Starts a new table (ending the current one, if any) with the given columns and extra keywords. */
    public void beginTable(String name, List<ColumnSpec> specs, FitsKeywords extra) throws MassmapIoException {
        checkOpen();
        if (tableName != null) {
            endTable();
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException(atomic.target() + ": table '" + name + "' needs at least one column");
        }
        FitsTable.checkName(name);
        Header header = new Header();
        int bytes = 0;
        for (ColumnSpec c : specs) {
            bytes = Math.addExact(bytes, c.bytes());
        }
        FitsKeywords structure = FitsKeywords.empty().with("XTENSION", "BINTABLE").with("BITPIX", 8).with("NAXIS", 2)
                .with("NAXIS1", bytes).with("NAXIS2", 0).with("PCOUNT", 0).with("GCOUNT", 1).with("TFIELDS", specs.size());
        for (int j = 0; j < specs.size(); j++) {
            ColumnSpec c = specs.get(j);
            structure = structure.with("TTYPE" + (j + 1), c.name()).with("TFORM" + (j + 1), c.tform());
            if (c.unit() != null) {
                structure = structure.with("TUNIT" + (j + 1), c.unit());
            }
        }
        FitsHeaders.put(header, structure, false, atomic.target());
        FitsHeaders.describe(header, name, null, null, provenance, extra, atomic.target());
        try {
            out.flush();
            headerStart = file.getChannel().position();
            header.write(out);
            out.flush();
            headerEnd = file.getChannel().position();
        } catch (IOException | FitsException e) {
            throw new MassmapIoException(atomic.target(), "cannot write the header of table '" + name + "'", e);
        }
        tableName = name;
        columns = List.copyOf(specs);
        rowBytes = bytes;
        rows = 0;
    }

    /** Appends one chunk of rows; the columns must match the declaration (names, types, order). */
    public void append(TableColumn... chunk) throws MassmapIoException {
        append(List.of(chunk));
    }

    /** Appends one chunk of rows; the columns must match the declaration (names, types, order). */
    public void append(List<TableColumn> chunk) throws MassmapIoException {
        checkOpen();
        if (tableName == null) {
            throw new IllegalStateException(atomic.target() + ": call beginTable before append");
        }
        int n = checkChunk(chunk);
        if (rows + n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(atomic.target() + ": table '" + tableName + "' would exceed 2^31-1 rows;"
                    + " split it into several tables or files");
        }
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(rowBytes, BUFFER_BYTES / rowBytes * rowBytes)); // big-endian, as FITS
        try {
            for (int r = 0; r < n; r++) {
                if (buffer.remaining() < rowBytes) {
                    out.write(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
                for (int j = 0; j < chunk.size(); j++) {
                    encode(chunk.get(j), columns.get(j), r, buffer);
                }
            }
            out.write(buffer.array(), 0, buffer.position());
        } catch (IOException e) {
            throw new MassmapIoException(atomic.target(), "cannot write rows of table '" + tableName + "'", e);
        }
        rows += n;
    }

    /** Appends the rows of an in-memory table with the declared columns. */
    public void append(FitsTable chunk) throws MassmapIoException {
        append(chunk.columns());
    }

    /** Ends the current table: pads its data to a whole FITS block. */
    public void endTable() throws MassmapIoException {
        checkOpen();
        if (tableName == null) {
            throw new IllegalStateException(atomic.target() + ": no table to end");
        }
        long bytes = rows * rowBytes;
        try {
            out.write(new byte[(int) ((FitsStructure.BLOCK - bytes % FitsStructure.BLOCK) % FitsStructure.BLOCK)]);
        } catch (IOException e) {
            throw new MassmapIoException(atomic.target(), "cannot finish table '" + tableName + "'", e);
        }
        finished.add(new long[] {headerStart, headerEnd, rows});
        tableName = null;
    }

    /** Ends the current table, fills in the row counts and publishes the file. */
    public void commit() throws MassmapIoException {
        checkOpen();
        if (tableName != null) {
            endTable();
        }
        if (finished.isEmpty()) {
            throw new IllegalStateException(atomic.target() + ": no table was written");
        }
        try {
            out.close();
        } catch (IOException e) {
            throw new MassmapIoException(atomic.target(), "cannot finish writing", e);
        }
        try (FileChannel channel = FileChannel.open(atomic.temp(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            for (long[] table : finished) {
                patchRowCount(channel, table[0], table[1], table[2]);
            }
        } catch (IOException e) {
            throw new MassmapIoException(atomic.target(), "cannot fill in the row counts", e);
        }
        atomic.commit();
        committed = true;
    }

    /** Deletes the partial output unless {@link #commit()} succeeded. */
    @Override
    public void close() throws MassmapIoException {
        if (committed) {
            return;
        }
        committed = true; // closed: no further use
        MassmapIoException failure = new MassmapIoException(atomic.target(), "cannot discard the unfinished table file");
        discard(file, atomic, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private void checkOpen() {
        if (committed) {
            throw new IllegalStateException(atomic.target() + ": the table writer is already committed or closed");
        }
    }

    private int checkChunk(List<TableColumn> chunk) {
        if (chunk.size() != columns.size()) {
            throw new IllegalArgumentException(atomic.target() + ": table '" + tableName + "' has " + columns.size()
                    + " columns, the chunk has " + chunk.size());
        }
        int n = chunk.get(0).length();
        for (int j = 0; j < chunk.size(); j++) {
            TableColumn c = chunk.get(j);
            ColumnSpec spec = columns.get(j);
            if (!spec.matches(c)) {
                throw new IllegalArgumentException(atomic.target() + ": column " + (j + 1) + " of table '" + tableName + "' is declared as '"
                        + spec.name() + "' (" + spec.type() + ") but the chunk has " + c);
            }
            if (c.length() != n) {
                throw new IllegalArgumentException(atomic.target() + ": chunk columns differ in length (" + chunk.get(0).name() + ": " + n
                        + ", " + c.name() + ": " + c.length() + ")");
            }
        }
        return n;
    }

    private void encode(TableColumn column, ColumnSpec spec, int row, ByteBuffer buffer) {
        if (column instanceof TableColumn.Doubles d) {
            buffer.putDouble(d.get(row));
        } else if (column instanceof TableColumn.Ints i) {
            buffer.putInt(i.get(row));
        } else if (column instanceof TableColumn.Longs l) {
            buffer.putLong(l.get(row));
        } else {
            byte[] text = ((TableColumn.Strings) column).get(row).getBytes(StandardCharsets.US_ASCII);
            if (text.length > spec.width()) {
                throw new IllegalArgumentException(atomic.target() + ": column '" + spec.name() + "' row " + (rows + row) + " has "
                        + text.length + " characters but the column was declared " + spec.width() + " wide; declare it wider");
            }
            buffer.put(text);
            for (int k = text.length; k < spec.width(); k++) {
                buffer.put((byte) ' ');
            }
        }
    }

    /** Rewrites the NAXIS2 card of the header at [start, end) with the final row count. */
    private void patchRowCount(FileChannel channel, long start, long end, long rowCount) throws IOException, MassmapIoException {
        ByteBuffer header = ByteBuffer.allocate((int) (end - start));
        while (header.hasRemaining()) {
            if (channel.read(header, start + header.position()) < 0) {
                throw new MassmapIoException(atomic.target(), "internal error: the table header at byte " + start + " is incomplete");
            }
        }
        byte[] bytes = header.array();
        for (int card = 0; card + 80 <= bytes.length; card += 80) {
            if (new String(bytes, card, 9, StandardCharsets.US_ASCII).equals("NAXIS2  =")) {
                String image;
                try {
                    image = new HeaderCard("NAXIS2", rowCount, "number of rows").toString();
                } catch (FitsException e) {
                    throw new MassmapIoException(atomic.target(), "cannot format the row count " + rowCount, e);
                }
                if (image.length() != 80) {
                    throw new IllegalStateException("NAXIS2 card is not one 80-character card: '" + image + "'");
                }
                channel.write(ByteBuffer.wrap(image.getBytes(StandardCharsets.US_ASCII)), start + card);
                return;
            }
        }
        throw new MassmapIoException(atomic.target(), "internal error: no NAXIS2 card in the table header at byte " + start);
    }

    private static void discard(FileOutputStream file, AtomicFile atomic, Exception failure) {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
        try {
            atomic.abort();
        } catch (MassmapIoException e) {
            failure.addSuppressed(e);
        }
    }
}
