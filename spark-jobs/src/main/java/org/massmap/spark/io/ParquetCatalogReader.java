package org.massmap.spark.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.massmap.catalog.CatalogException;
import org.massmap.catalog.CatalogReader;
import org.massmap.catalog.ColumnMapping;
import org.massmap.catalog.GalaxyChunk;
import org.massmap.catalog.ReadStats;
import org.massmap.catalog.RowFilter;

/**
 * Reads galaxies from an Apache Parquet file on any Hadoop file system, row groups
 * [firstGroup, endGroup) at a time (a Parquet file's natural unit of splitting). The mapped columns
 * must be top-level numeric fields (DOUBLE, FLOAT, INT32 or INT64; required or optional); only
 * they are read (column projection). A null value counts as non-finite and drops its row, as NaN
 * does. Memory: one row group of the projected columns at a time (Parquet decodes per row group).
 * Not thread-safe.
 */
public final class ParquetCatalogReader implements CatalogReader {
    private final String source;
    private final ColumnMapping mapping;
    private final ParquetFileReader file;
    private final MessageType projection;
    private final MessageColumnIO columnIO;
    private final PrimitiveType.PrimitiveTypeName[] types;
    private final int fields;
    private int groupsLeft;
    private RecordReader<Group> records;
    private long recordsLeftInGroup;
    private final RowFilter filter;
    private final double[] values = new double[5];

    private ParquetCatalogReader(String source, ColumnMapping mapping, ParquetFileReader file, int groups) throws CatalogException {
        this.source = source;
        this.mapping = mapping;
        this.file = file;
        MessageType fileSchema = file.getFooter().getFileMetaData().getSchema();
        List<String> used = mapping.usedColumns();
        List<Type> projected = new ArrayList<>();
        this.types = new PrimitiveType.PrimitiveTypeName[used.size()];
        for (int i = 0; i < used.size(); i++) {
            Type t = field(source, fileSchema, used.get(i));
            projected.add(t);
            types[i] = t.asPrimitiveType().getPrimitiveTypeName();
        }
        this.fields = used.size();
        this.projection = new MessageType(fileSchema.getName(), projected);
        file.setRequestedSchema(projection);
        this.columnIO = new ColumnIOFactory().getColumnIO(projection, fileSchema);
        this.groupsLeft = groups;
        this.filter = new RowFilter(source, mapping, "split row", mapping.dec(), mapping.weight());
    }

    /** The whole file {@code uri}. */
    public static ParquetCatalogReader open(String uri, Configuration conf, ColumnMapping mapping) throws CatalogException {
        return open(uri, conf, mapping, 0, Integer.MAX_VALUE);
    }

    /** Row groups [firstGroup, endGroup) of {@code uri} (endGroup past the last group means to the end). */
    public static ParquetCatalogReader open(String uri, Configuration conf, ColumnMapping mapping, int firstGroup, int endGroup)
            throws CatalogException {
        if (firstGroup < 0 || endGroup < firstGroup) {
            throw new IllegalArgumentException("row groups [" + firstGroup + ", " + endGroup + ") of " + uri + " is not a range");
        }
        ParquetFileReader file = openFile(uri, conf);
        try {
            for (int g = 0; g < firstGroup; g++) {
                if (!file.skipNextRowGroup()) {
                    throw new CatalogException(uri, "has " + g + " row groups; the split starts at row group " + firstGroup);
                }
            }
            return new ParquetCatalogReader(uri, mapping, file, endGroup - firstGroup);
        } catch (CatalogException | RuntimeException e) {
            closeAfterFailure(file, e);
            throw e;
        }
    }

    /**
     * Rows per row group of {@code uri}, after checking that the mapped columns exist and are numeric
     * (read from the footer only).
     */
    public static long[] rowGroupRows(String uri, Configuration conf, ColumnMapping mapping) throws CatalogException {
        try (ParquetFileReader file = openFile(uri, conf)) {
            MessageType schema = file.getFooter().getFileMetaData().getSchema();
            for (String column : mapping.usedColumns()) {
                field(uri, schema, column);
            }
            List<BlockMetaData> groups = file.getRowGroups();
            long[] rows = new long[groups.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = groups.get(i).getRowCount();
            }
            return rows;
        } catch (IOException e) {
            throw new CatalogException(uri, "cannot close the Parquet file: " + e.getMessage(), e);
        }
    }

    private static ParquetFileReader openFile(String uri, Configuration conf) throws CatalogException {
        try {
            return ParquetFileReader.open(HadoopInputFile.fromPath(new Path(uri), conf));
        } catch (FileNotFoundException e) {
            throw new CatalogException(uri, "no such file or directory; check the location", e);
        } catch (IOException | RuntimeException e) {
            throw new CatalogException(uri, "not a readable Parquet file (" + e.getMessage()
                    + "); it may be truncated or damaged: re-copy or regenerate it", e);
        }
    }

    /** The top-level numeric field {@code name}, or a clear error naming what the file has. */
    private static Type field(String uri, MessageType schema, String name) throws CatalogException {
        if (!schema.containsField(name)) {
            List<String> names = new ArrayList<>();
            schema.getFields().forEach(f -> names.add(f.getName()));
            throw new CatalogException(uri, "column '" + name + "' not found in the Parquet schema; available columns: "
                    + String.join(", ", names) + ". Name the catalog's own columns in the configuration (catalog.ra,"
                    + " catalog.dec, catalog.e1, catalog.e2, catalog.weight; e.g. --set catalog.e2=NAME)");
        }
        Type t = schema.getType(name);
        if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
            throw new CatalogException(uri, "column '" + name + "' is " + t + "; a catalog column must be one number per row");
        }
        switch (t.asPrimitiveType().getPrimitiveTypeName()) {
            case DOUBLE, FLOAT, INT32, INT64:
                return t;
            default:
                throw new CatalogException(uri, "column '" + name + "' has Parquet type " + t.asPrimitiveType().getPrimitiveTypeName()
                        + "; it must be numeric (DOUBLE, FLOAT, INT32 or INT64)");
        }
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public boolean next(GalaxyChunk chunk) throws CatalogException {
        chunk.clear();
        while (!chunk.isFull()) {
            if (recordsLeftInGroup == 0 && !nextGroup()) {
                break;
            }
            Group row;
            try {
                row = records.read();
            } catch (RuntimeException e) {
                throw new CatalogException(source, "cannot decode split row " + (filter.rowsRead() + 1) + " (counting from 1): " + e.getMessage(), e);
            }
            recordsLeftInGroup--;
            accept(row, chunk);
        }
        return chunk.size() > 0;
    }

    private boolean nextGroup() throws CatalogException {
        if (groupsLeft <= 0) {
            return false;
        }
        PageReadStore pages;
        try {
            pages = file.readNextRowGroup();
        } catch (IOException | RuntimeException e) {
            throw new CatalogException(source, "cannot read a row group: " + e.getMessage()
                    + "; the file may be truncated or damaged", e);
        }
        if (pages == null) {
            groupsLeft = 0;
            return false;
        }
        groupsLeft--;
        records = columnIO.getRecordReader(pages, new GroupRecordConverter(projection));
        recordsLeftInGroup = pages.getRowCount();
        return true;
    }

    private void accept(Group row, GalaxyChunk chunk) throws CatalogException {
        for (int f = 0; f < fields; f++) {
            values[f] = row.getFieldRepetitionCount(f) == 0 ? Double.NaN : switch (types[f]) {
                case DOUBLE -> row.getDouble(f, 0);
                case FLOAT -> row.getFloat(f, 0);
                case INT32 -> row.getInteger(f, 0);
                case INT64 -> row.getLong(f, 0);
                default -> throw new IllegalStateException("checked when opened: " + types[f]);
            };
        }
        filter.add(chunk, values[0], values[1], values[2], values[3], mapping.hasWeight() ? values[4] : 1.0, filter.rowsRead() + 1);
    }

    @Override
    public ReadStats stats() {
        return filter.stats();
    }

    @Override
    public void close() throws CatalogException {
        try {
            file.close();
        } catch (IOException e) {
            throw new CatalogException(source, "cannot close the Parquet file: " + e.getMessage(), e);
        }
    }

    private static void closeAfterFailure(ParquetFileReader file, Exception failure) {
        try {
            file.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
