package org.massmap.io.plot;

import java.util.List;
import java.util.Objects;
import org.massmap.io.SkyMap;

/**
 * One map in a {@link MapFigure}: row-major values ({@code iy*nx + ix}, North up, East left when
 * drawn), a title, an optional colour scale of its own (null: the figure's shared scale, or a
 * robust viridis scale if there is none) and optional markers. Immutable.
 */
public record MapPanel(String title, int nx, int ny, double[] values, ColorScale scale, List<Marker> markers) {

    public MapPanel {
        title = Objects.requireNonNullElse(title, "");
        if (nx < 1 || ny < 1 || values.length != (long) nx * ny) {
            throw new IllegalArgumentException("panel '" + title + "': " + values.length + " values do not fill " + nx + " x " + ny + " pixels");
        }
        values = values.clone();
        markers = List.copyOf(markers);
    }

    /** A panel showing {@code map}. */
    public static MapPanel of(SkyMap map, String title) {
        return new MapPanel(title, map.grid().nx(), map.grid().ny(), map.values(), null, List.of());
    }

    /** A panel showing plain row-major values. */
    public static MapPanel of(String title, int nx, int ny, double[] values) {
        return new MapPanel(title, nx, ny, values, null, List.of());
    }

    /** This panel with its own colour scale (and colorbar). */
    public MapPanel withScale(ColorScale ownScale) {
        return new MapPanel(title, nx, ny, values, ownScale, markers);
    }

    /** This panel with markers drawn on top. */
    public MapPanel withMarkers(List<Marker> newMarkers) {
        return new MapPanel(title, nx, ny, values, scale, newMarkers);
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    double value(int i) {
        return values[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapPanel p && title.equals(p.title) && nx == p.nx && ny == p.ny
                && java.util.Arrays.equals(values, p.values) && Objects.equals(scale, p.scale) && markers.equals(p.markers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, nx, ny, java.util.Arrays.hashCode(values), scale, markers);
    }

    @Override
    public String toString() {
        return "MapPanel[" + title + ", " + nx + "x" + ny + "]";
    }
}
