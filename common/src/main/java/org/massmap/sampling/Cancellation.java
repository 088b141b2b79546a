package org.massmap.sampling;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The cancellation check of one batch run: the running thread's interrupt status (Ctrl-C through
 * {@link PosteriorSampler}'s pool, a Spark task killed with interruption) or the caller's flag (a
 * Spark task killed without interruption). {@link AnnealedHmc} looks at it between leapfrog steps
 * and probability-flow steps; it reads neither the chains' generators nor their states.
 */
final class Cancellation {
    /** A flag that is never raised: only an interrupt cancels. */
    static final BooleanSupplier NEVER = () -> false;

    private final BooleanSupplier cancelled;

    Cancellation(BooleanSupplier cancelled) {
        this.cancelled = cancelled == null ? NEVER : cancelled;
    }

    /**
     * @throws CancellationException naming the chains and where they were, if the thread is
     *                               interrupted (its interrupt status is kept) or the flag is raised
     */
    void check(List<Chain> chains) {
        boolean interrupted = Thread.currentThread().isInterrupted();
        if (interrupted || cancelled.getAsBoolean()) {
            String why = interrupted ? "thread interrupted" : "cancelled";
            if (chains.isEmpty()) {
                throw new CancellationException("sampling cancelled (" + why + ")");
            }
            Chain first = chains.get(0);
            Chain last = chains.get(chains.size() - 1);
            throw new CancellationException("sampling of chains " + first.index + (last == first ? "" : "-" + last.index)
                    + " cancelled (" + why + ") at sigma=" + first.sigma + ", iteration " + first.iterations);
        }
    }
}
