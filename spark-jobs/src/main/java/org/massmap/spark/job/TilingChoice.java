package org.massmap.spark.job;

import java.util.Locale;

/**
 * How the job chooses its tiles: {@code auto} (one tile centred on the catalogs when they fit in
 * one, else the survey tiling), {@code single} (one tile at map.center or the catalogs' centre),
 * {@code survey} (the all-sky ring tiling, tiles holding galaxies), or a tile-list file.
 */
public record TilingChoice(Kind kind, String tileListPath) {

    /** The kinds of tiling. */
    public enum Kind { AUTO, SINGLE, SURVEY, LIST }

    /** Parses auto, single, survey or a file path. */
    public static TilingChoice parse(String text) {
        String t = text.trim();
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "auto", "" -> new TilingChoice(Kind.AUTO, null);
            case "single" -> new TilingChoice(Kind.SINGLE, null);
            case "survey" -> new TilingChoice(Kind.SURVEY, null);
            default -> new TilingChoice(Kind.LIST, t);
        };
    }
}
