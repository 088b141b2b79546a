package org.massmap.spark.job;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.massmap.catalog.CatalogException;
import org.massmap.catalog.ColumnMapping;
import org.massmap.spark.io.CatalogFile;
import org.massmap.spark.io.CatalogFiles;
import org.massmap.spark.io.CatalogSplit;
import org.massmap.spark.io.CatalogSplits;

/**
 * Stage 1 of the survey job, on the driver and from file headers only: finds the catalog files
 * under the request's locations and splits them into row ranges. A file that cannot be split is an
 * input problem; FITS files that are not shear catalogs beside readable catalogs (a simulation's
 * truth, mask, halos) are left out with a note on the console. No catalog file, or none readable,
 * is an error.
 */
final class DiscoveryStage {
    private DiscoveryStage() {
    }

    /**
     * What the run reads.
     *
     * @param files      every catalog file found (the run manifest lists them as inputs)
     * @param splits     the row ranges of the readable files
     * @param unreadable the files that could not be split, each as a whole-file problem
     */
    record Inputs(List<CatalogFile> files, List<CatalogSplit> splits, List<InputProblem> unreadable) {
    }

    static Inputs discover(Configuration hadoop, List<String> locations, long rowsPerSplit, ColumnMapping columns, PrintWriter console)
            throws CatalogException {
        List<CatalogFile> files = new CatalogFiles(hadoop).discover(locations);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no catalog files (*.fits, *.csv) found under " + locations);
        }
        CatalogSplits splitter = new CatalogSplits(hadoop, columns, rowsPerSplit);
        List<CatalogSplit> splits = new ArrayList<>();
        List<InputProblem> unreadable = new ArrayList<>();
        List<String> notCatalogs = new ArrayList<>();
        for (CatalogFile f : files) {
            try {
                splits.addAll(splitter.split(List.of(f)));
            } catch (CatalogException e) {
                if (e.isNotACatalog()) {
                    notCatalogs.add(f.uri());
                }
                unreadable.add(new InputProblem(f.uri(), 0, -1, e.getMessage()));
            }
        }
        if (!splits.isEmpty() && !notCatalogs.isEmpty()) {
            unreadable.removeIf(p -> notCatalogs.contains(p.uri()));
            console.printf(Locale.ROOT, "skipped %d FITS file(s) that are not shear catalogs (images, or tables without %s/%s): %s%n",
                    notCatalogs.size(), columns.e1(), columns.e2(),
                    String.join(", ", notCatalogs.stream().map(u -> new Path(u).getName()).toList()));
        }
        if (splits.isEmpty()) {
            throw new IllegalArgumentException("none of the " + files.size() + " catalog file(s) under " + locations
                    + " can be read: " + unreadable.get(0).reason());
        }
        console.printf(Locale.ROOT, "found %d catalog file(s), %d split(s)%n", files.size(), splits.size());
        return new Inputs(files, splits, unreadable);
    }
}
