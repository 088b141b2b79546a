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
 * A known cluster to report on (e.g. from X-ray catalogues): name and position. Read from a text
 * file with one "RA,DEC,NAME" line each (degrees; '#' starts a comment).
 */
public record KnownCluster(String name, SkyPoint position) implements java.io.Serializable {

    public static List<KnownCluster> read(Path file) throws MassmapIoException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MassmapIoException(file, "cannot read the known-cluster list", e);
        }
        List<KnownCluster> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(",", 3);
            try {
                String name = parts.length > 2 ? parts[2].strip() : "cluster-" + (out.size() + 1);
                out.add(new KnownCluster(name, new SkyPoint(Double.parseDouble(parts[0].strip()),
                        Double.parseDouble(parts[1].strip()))));
            } catch (RuntimeException e) {
                throw new MassmapIoException(file, "line " + (i + 1) + " is not RA,DEC,NAME in degrees: '" + line + "'", e);
            }
        }
        return out;
    }
}
