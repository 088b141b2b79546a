package org.massmap.config;

import org.massmap.catalog.ColumnMapping;

/** Reads the catalog column names (section {@code catalog}) and the sign switches (section {@code map}). */
public final class CatalogSettings {
    private CatalogSettings() {
    }

    public static ColumnMapping columns(Settings s, MapSettings map) {
        String weight = s.string("catalog.weight").trim();
        ColumnMapping m = ColumnMapping.defaults()
                .withNames(nonEmpty(s, "catalog.ra"), nonEmpty(s, "catalog.dec"), nonEmpty(s, "catalog.e1"),
                        nonEmpty(s, "catalog.e2"))
                .withFlips(map.flipE1(), map.flipE2());
        return weight.isEmpty() ? m : m.withWeight(weight);
    }

    private static String nonEmpty(Settings s, String key) {
        String v = s.string(key).trim();
        if (v.isEmpty()) {
            throw new SettingException(key + " must name a catalog column");
        }
        return v;
    }
}
