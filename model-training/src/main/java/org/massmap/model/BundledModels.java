package org.massmap.model;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The small registry of models shipped in the jar ({@value #REGISTRY}, a JSON list of entries): a run
 * without an explicit model takes the bundled model whose pixel size matches its tiles, and where
 * several match, the one named by {@code sampler.model = "bundled:NAME"}. Each entry's files live at
 * {@code classpath:massmap/models/NAME}. Immutable after loading.
 */
public final class BundledModels {
    /** Classpath resource listing the bundled models. */
    public static final String REGISTRY = "massmap/models/registry.json";
    /** Prefix naming one bundled model in {@code sampler.model}. */
    public static final String PREFIX = "bundled:";

    /**
     * One bundled model.
     *
     * @param name        directory name under massmap/models/
     * @param pixelArcmin pixel size it was trained at, arcmin
     * @param description what it is for (survey, n(z), how it was trained), one line
     */
    public record Entry(String name, double pixelArcmin, String description) {
        /** Its classpath location for {@link ModelSources#load}. */
        public String location() {
            return "classpath:massmap/models/" + name;
        }

        boolean matches(double pixel) {
            return Math.abs(pixel - pixelArcmin) <= ScoreModel.PIXEL_TOLERANCE * pixelArcmin;
        }
    }

    private final List<Entry> entries;

    private BundledModels(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The registry on the classpath. */
    public static BundledModels load() {
        try (InputStream in = BundledModels.class.getClassLoader().getResourceAsStream(REGISTRY)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no " + REGISTRY + "; the build is broken");
            }
            return new BundledModels(ModelFiles.json().readValue(in, new TypeReference<List<Entry>>() { }));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled model registry " + REGISTRY + ": " + e.getMessage(), e);
        }
    }

    /**
     * Where the model configured as {@code sampler.model} is: "" or "bundled:NAME" pick a bundled model
     * for tiles of {@code pixelArcmin} ({@link #choose}); anything else is a model location, returned as is.
     */
    public static String locate(String configured, double pixelArcmin) {
        String c = configured.trim();
        if (c.isEmpty() || c.startsWith(PREFIX)) {
            return load().choose(pixelArcmin, c.isEmpty() ? "" : c.substring(PREFIX.length())).location();
        }
        return c;
    }

    /** Registry of the given entries (tests). */
    static BundledModels of(List<Entry> entries) {
        return new BundledModels(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /**
     * The bundled model for tiles of {@code pixelArcmin}: the one named {@code name} (may be empty when
     * exactly one matches the pixel size). Throws, listing what is bundled and the fix, when none fits.
     */
    public Entry choose(double pixelArcmin, String name) {
        List<Entry> fit = new ArrayList<>();
        for (Entry e : entries) {
            if (e.matches(pixelArcmin) && (name.isEmpty() || e.name().equals(name))) {
                fit.add(e);
            }
        }
        if (fit.size() == 1) {
            return fit.get(0);
        }
        String pixel = ScoreModel.arcmin(pixelArcmin);
        if (!name.isEmpty()) {
            Entry named = entries.stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
            throw new IllegalArgumentException(named == null
                    ? "no bundled model is named '" + name + "'; bundled: " + describe()
                    : "the bundled model '" + name + "' was trained at " + ScoreModel.arcmin(named.pixelArcmin())
                            + " arcmin but the tiles have " + pixel + " arcmin pixels; set map.pixel-arcmin="
                            + ScoreModel.arcmin(named.pixelArcmin()) + " or choose another model");
        }
        if (fit.isEmpty()) {
            throw new IllegalArgumentException("no bundled model was trained at " + pixel + " arcmin (bundled: " + describe()
                    + "); set map.pixel-arcmin to one of those, give a model directory (sampler.model=DIR, made by"
                    + " massmap train --pixel-arcmin " + pixel + "), or use --prior gaussian");
        }
        throw new IllegalArgumentException(fit.size() + " bundled models fit " + pixel + " arcmin pixels ("
                + fit.stream().map(Entry::name).toList() + "); choose one with sampler.model=" + PREFIX + "NAME");
    }

    /** "name (P arcmin), ..." */
    public String describe() {
        return String.join(", ", entries.stream()
                .map(e -> String.format(Locale.ROOT, "%s (%s arcmin)", e.name(), ScoreModel.arcmin(e.pixelArcmin()))).toList());
    }
}
