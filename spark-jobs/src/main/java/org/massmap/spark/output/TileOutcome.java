package org.massmap.spark.output;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * What became of one tile in a run: the one vocabulary of the survey job's tile reports, its
 * console and the run manifest. Each outcome has a label ({@link #toString()}), the word the
 * console prints and the manifest's {@code status} holds. The run manifest (format
 * {@value RunManifest#FORMAT}) knows only {@link #IN_RUN_MANIFEST}: it records a tile with too few
 * galaxies as skipped, with a reason that says so ({@link #inRunManifest()}).
 */
public enum TileOutcome {
    /** Sampled and published now. */
    OK("ok"),
    /** Up to date: its fingerprint matched the published one, no work done; that publication stays current. */
    SKIPPED("skipped"),
    /** Fewer galaxies than job.min-galaxies: not mapped, nothing published. */
    TOO_FEW_GALAXIES("too-few-galaxies"),
    /** Not published; the previous publication, if any, is intact. */
    FAILED("failed");

    /** The outcomes a run manifest records, in the order of its tile counts. */
    public static final List<TileOutcome> IN_RUN_MANIFEST = List.of(OK, SKIPPED, FAILED);

    private final String label;

    TileOutcome(String label) {
        this.label = label;
    }

    /** The outcome with this label (ok, skipped, too-few-galaxies, failed). */
    @JsonCreator
    public static TileOutcome ofLabel(String label) {
        for (TileOutcome o : values()) {
            if (o.label.equals(label)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown tile outcome '" + label + "'; expected ok, skipped, too-few-galaxies or failed");
    }

    /** The tile's current publication holds this run's result: published now, or up to date. */
    public boolean isPublished() {
        return this == OK || this == SKIPPED;
    }

    /** This outcome as a run manifest records it: too few galaxies counts as skipped. */
    public TileOutcome inRunManifest() {
        return this == TOO_FEW_GALAXIES ? SKIPPED : this;
    }

    /** The label: ok, skipped, too-few-galaxies or failed. */
    @JsonValue
    @Override
    public String toString() {
        return label;
    }
}
