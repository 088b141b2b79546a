package org.massmap.io.plot;

import java.util.Objects;

/**
 * A circle with a label drawn over a map panel, e.g. a known cluster. Position in continuous
 * 0-based map pixel coordinates (x = column ix towards West, y = row iy towards North, as
 * {@code TileGrid.xOf/yOf} give), radius in map pixels.
 */
public record Marker(double x, double y, double radius, String label) {

    public Marker {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !(radius > 0)) {
            throw new IllegalArgumentException("marker needs a finite position and a positive radius, got (" + x + ", " + y + "), r=" + radius);
        }
        label = Objects.requireNonNullElse(label, "");
    }
}
