/**
 * PNG quick-looks (headless; docs/conventions.md, Outputs), written atomically:
 * {@link org.massmap.io.plot.MapFigure} of {@link org.massmap.io.plot.MapPanel}s, hand-drawn in
 * Java2D pixel by pixel (colorbars, North/East arrows, North up and East left, NaN grey,
 * {@link org.massmap.io.plot.Marker}s); {@link org.massmap.io.plot.LinePlot}, linear or log axes,
 * drawn by JFreeChart; {@link org.massmap.io.plot.Colormap} (viridis, magma, RdBu, greys; tables
 * in resource files next to it) and {@link org.massmap.io.plot.ColorScale}.
 */
package org.massmap.io.plot;
