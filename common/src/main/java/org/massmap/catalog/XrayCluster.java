package org.massmap.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.massmap.grid.SkyPoint;
import org.massmap.io.MassmapIoException;

/**
 * An X-ray group or cluster from a table laid out as Finoguenov et al.'s COSMOS list
 * ({@code data/cosmos/xray_clusters_finoguenov2006.txt}): whitespace-separated columns, lines
 * starting with '#' are comments, column 1 the identifier, 2 and 3 RA and Dec (degrees, ICRS) and
 * column 7 the redshift; the other columns are not read.
 */
public record XrayCluster(String id, SkyPoint position, double redshift) implements java.io.Serializable {

    /** 1-based column of the redshift. */
    public static final int REDSHIFT_COLUMN = 7;

    /**
     * Reads every cluster of {@code file}, in file order.
     *
     * @throws MassmapIoException naming the file (and line) when it cannot be read, a line has fewer
     *                            than 7 columns or a non-numeric position or redshift, or no cluster is listed
     */
    public static List<XrayCluster> readTable(Path file) throws MassmapIoException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MassmapIoException(file, "cannot read the X-ray cluster table", e);
        }
        List<XrayCluster> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length < REDSHIFT_COLUMN) {
                throw new MassmapIoException(file, "line " + (i + 1) + " has " + f.length + " columns; expected ID, RA, Dec "
                        + "(degrees) and the redshift in column " + REDSHIFT_COLUMN + ": '" + line + "'");
            }
            try {
                double z = Double.parseDouble(f[REDSHIFT_COLUMN - 1]);
                if (!(z >= 0 && z < 20)) {
                    throw new IllegalArgumentException("redshift " + z + " outside [0, 20)");
                }
                out.add(new XrayCluster(f[0], new SkyPoint(Double.parseDouble(f[1]), Double.parseDouble(f[2])), z));
            } catch (IllegalArgumentException e) {
                throw new MassmapIoException(file, "line " + (i + 1) + ": " + e.getMessage() + "; expected ID, RA, Dec "
                        + "(degrees) and the redshift in column " + REDSHIFT_COLUMN + ": '" + line + "'", e);
            }
        }
        if (out.isEmpty()) {
            throw new MassmapIoException(file, "lists no cluster (only comments or blank lines)");
        }
        return List.copyOf(out);
    }

    /** The positions of {@code clusters}, in order. */
    public static List<SkyPoint> positions(List<XrayCluster> clusters) {
        return clusters.stream().map(XrayCluster::position).toList();
    }

    /** As a {@link KnownCluster} named "X-ray ID (z = Z)". */
    public KnownCluster asKnown() {
        return new KnownCluster(String.format(java.util.Locale.ROOT, "X-ray %s (z = %.2f)", id, redshift), position);
    }
}
