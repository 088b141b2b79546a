package org.massmap.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.massmap.catalog.BinnedShear;
import org.massmap.catalog.ShapeNoise;
import org.massmap.catalog.ShearAccumulator;
import org.massmap.catalog.ShearBinner;
import org.massmap.config.SamplerConfig;
import org.massmap.grid.SkyPoint;
import org.massmap.lensing.ShearModel;
import org.massmap.pipeline.PriorModel;
import org.massmap.pipeline.TileProblem;
import org.massmap.sampling.GeometricSchedule;
import org.massmap.sampling.HmcMove;
import org.massmap.sampling.MassKind;
import org.massmap.sampling.ProbabilityFlow;
import org.massmap.sampling.Schedule;
import org.massmap.sim.MaskSpec;
import org.massmap.sim.MockSurvey;
import org.massmap.sim.MockSurveySpec;
import org.massmap.survey.Tile;
import org.massmap.theory.ConvergenceSpectrum;

/**
 * The convergence evidence's machinery on a posterior where the sampler is known to work (Gaussian
 * prior, Fourier mass: close to a direct sampler), and on settings that must be caught: a random-walk
 * final phase (identity mass, small steps) has a far smaller effective sample size, and a schedule far
 * too short moves the posterior summaries by many Monte-Carlo errors against a long one.
 */
class ConvergenceStudyTest {
    static final ConvergenceSpectrum CL = ell -> 2e-9 * Math.pow(Math.max(ell, 1) / 1000.0, -1.1) * Math.exp(-ell / 20000.0);
    static final Tile TILE = new Tile("t000_0001", 20, -60, 16, 2.0);
    static BinnedShear binned;

    @BeforeAll
    static void mockTile() throws Exception {
        MockSurveySpec spec = new MockSurveySpec(16, 2.0, new SkyPoint(20, -60), 10, 0.26, 0.03, MaskSpec.none(), ShearModel.SHEAR);
        MockSurvey m = MockSurvey.generate(spec, MockSurvey.truthSimulator(spec, CL::cl, null), new SplittableRandom(5));
        ShearBinner binner = new ShearBinner(TILE.grid());
        ShearAccumulator acc = binner.newAccumulator();
        binner.accumulate(m.asChunk(), acc);
        binned = binner.finish(acc, ShapeNoise.measured());
    }

    static TileProblem problem(Schedule schedule, HmcMove move) {
        SamplerConfig sampler = new SamplerConfig(schedule, move, ProbabilityFlow.NONE, Double.NaN, 0.005, 8, 11, 4, 1,
                SamplerConfig.Prior.GAUSSIAN, "");
        return new TileProblem(TILE.id(), binned, ShearModel.SHEAR, CL, PriorModel.gaussian(), sampler);
    }

    static PosteriorScalars scalars() {
        return new PosteriorScalars(TILE.grid(), new org.massmap.pipeline.TileData(binned, ShearModel.SHEAR, CL).power());
    }

    @Test
    void finalPhasesOfAGoodSamplerAgreeAndHoldManyDraws() {
        HmcMove fourier = new HmcMove(3, 0.5, 0.7, MassKind.FOURIER);
        FinalPhaseConvergence.Result good = FinalPhaseConvergence.run(problem(new GeometricSchedule(0.1, 0.005, 4, 2, 60), fourier),
                scalars(), 6, 2);
        assertEquals(6, good.chains());
        assertEquals(scalars().names().size(), good.rows().size());
        double worstEss = Double.POSITIVE_INFINITY;
        for (FinalPhaseConvergence.Row r : good.rows()) {
            assertTrue(r.rhat() < 1.1, r.toString());
            worstEss = Math.min(worstEss, r.ess());
        }
        assertTrue(worstEss > 60, "Fourier-mass HMC on a Gaussian posterior: ESS " + worstEss + " of 360 draws");

        HmcMove crawl = new HmcMove(1, 0.002, 0.7, MassKind.IDENTITY); // a random walk with tiny steps
        FinalPhaseConvergence.Result slow = FinalPhaseConvergence.run(problem(new GeometricSchedule(0.1, 0.005, 4, 2, 60), crawl),
                scalars(), 6, 2);
        double slowEss = slow.rows().stream().mapToDouble(FinalPhaseConvergence.Row::ess).min().orElseThrow();
        assertTrue(slowEss < worstEss / 3, "a crawling chain must show a much smaller ESS: " + slowEss + " vs " + worstEss);
    }

    @Test
    void aScheduleFarTooShortMovesTheSummaries() {
        HmcMove fourier = new HmcMove(3, 0.5, 0.7, MassKind.FOURIER);
        Schedule base = new GeometricSchedule(0.1, 0.005, 4, 2, 2);
        ScheduleSweep.Result fine = ScheduleSweep.run(f -> problem(base.lengthened(f), fourier), new int[] {1, 4}, scalars(), 16, 2);
        ScheduleSweep.Row first = fine.rows().get(0);
        assertTrue(first.meanShift() < 2.0 && Math.abs(first.stdRatio() - 1) < 0.35, first.toString());
        assertTrue(first.agrees(), "a sufficient schedule must pass the agreement rule: " + first + " worst z " + first.worstScalarShift());
        assertTrue(fine.rows().get(1).evaluationsPerSample() > 3 * first.evaluationsPerSample());

        HmcMove identity = new HmcMove(3, 0.02, 0.7, MassKind.IDENTITY);
        Schedule tooShort = new GeometricSchedule(0.1, 0.005, 2, 1, 0); // two iterations from the σ_max-noisy start
        ScheduleSweep.Result bad = ScheduleSweep.run(f -> problem(tooShort.lengthened(f), identity), new int[] {1, 30}, scalars(), 16, 2);
        ScheduleSweep.Row shortRow = bad.rows().get(0);
        assertTrue(shortRow.stdRatio() > 1.5, "two iterations leave the start's noise in the samples: " + shortRow);
        assertFalse(shortRow.agrees(), shortRow.toString());
    }

    @Test
    void reportHasBothTablesForEachPrior(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        SamplerConfig sampler = new SamplerConfig(new GeometricSchedule(0.1, 0.005, 4, 2, 2), new HmcMove(3, 0.5, 0.7, MassKind.FOURIER),
                ProbabilityFlow.NONE, Double.NaN, 0.005, 4, 11, 4, 1, SamplerConfig.Prior.GAUSSIAN, "");
        java.io.StringWriter console = new java.io.StringWriter();
        ConvergenceStudy.run("t", new org.massmap.pipeline.TileData(binned, ShearModel.SHEAR, CL),
                List.of(new StudyRealisation.Method("gaussian", PriorModel.gaussian())), sampler, new int[] {1, 2}, 8, 4, 2, dir,
                new java.io.PrintWriter(console, true), "./massmap study --convergence");
        String md = java.nio.file.Files.readString(dir.resolve("convergence.md"));
        assertTrue(md.contains("## gaussian prior: schedule lengthened ×2 as the reference") && md.contains("| 1 | ")
                && md.contains("final phase extended to 8 iterations") && md.contains("| skewness | "), md);
        assertTrue(java.nio.file.Files.readString(dir.resolve("convergence.json")).contains("\"final_phase\""));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ConvergenceStudy.factors("1")).getMessage().contains("at least two"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {1, 3, 10}, ConvergenceStudy.factors("1, 3,10"));
    }

    @Test
    void runsOnATileEmbeddedInALargerTorus(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // the default survey setting (survey.embedding-margin > 0): states live on the larger grid, samples and scalars on the tile
        SamplerConfig sampler = new SamplerConfig(new GeometricSchedule(0.1, 0.005, 4, 2, 2), new HmcMove(3, 0.5, 0.7, MassKind.FOURIER),
                ProbabilityFlow.NONE, Double.NaN, 0.005, 4, 11, 4, 1, SamplerConfig.Prior.GAUSSIAN, "");
        org.massmap.pipeline.TileData embedded = new org.massmap.pipeline.TileData(binned, ShearModel.SHEAR, CL, 0.5);
        assertTrue(embedded.inferenceGrid().nx() > TILE.grid().nx());
        assertEquals(TILE.grid().nx(), embedded.tilePower().nx());
        ConvergenceStudy.run("t", embedded, List.of(new StudyRealisation.Method("gaussian", PriorModel.gaussian())), sampler,
                new int[] {1, 2}, 8, 4, 2, dir, new java.io.PrintWriter(new java.io.StringWriter(), true), "./massmap study --convergence");
        String md = java.nio.file.Files.readString(dir.resolve("convergence.md"));
        assertTrue(md.contains("Tile t (16×16 pixels") && md.contains("final phase extended to 8 iterations"), md);
    }

    @Test
    void aRerunReusesFinishedPiecesAndRefusesOnesFromAnotherRun(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        SamplerConfig sampler = new SamplerConfig(new GeometricSchedule(0.1, 0.005, 4, 2, 2), new HmcMove(3, 0.5, 0.7, MassKind.FOURIER),
                ProbabilityFlow.NONE, Double.NaN, 0.005, 4, 11, 4, 1, SamplerConfig.Prior.GAUSSIAN, "");
        org.massmap.pipeline.TileData data = new org.massmap.pipeline.TileData(binned, ShearModel.SHEAR, CL);
        List<StudyRealisation.Method> gaussian = List.of(new StudyRealisation.Method("gaussian", PriorModel.gaussian()));
        ConvergenceStudy.run("t", data, gaussian, sampler, new int[] {1, 2}, 8, 4, 2, dir,
                new java.io.PrintWriter(new java.io.StringWriter(), true), "./massmap study --convergence");
        com.fasterxml.jackson.databind.JsonNode whole = org.massmap.io.JsonFiles.readTree(dir.resolve("convergence.json"));

        // interrupted after the first schedule: the second schedule and the final phase are missing
        java.nio.file.Files.delete(dir.resolve("convergence.json"));
        java.nio.file.Files.delete(dir.resolve("pieces").resolve("gaussian-x2.json"));
        java.nio.file.Files.delete(dir.resolve("pieces").resolve("gaussian-final8.json"));
        java.io.StringWriter console = new java.io.StringWriter();
        ConvergenceStudy.run("t", data, gaussian, sampler, new int[] {1, 2}, 8, 4, 2, dir, new java.io.PrintWriter(console, true),
                "./massmap study --convergence");
        assertTrue(console.toString().contains("gaussian-x1: reused") && !console.toString().contains("gaussian-x2: reused"),
                console.toString());
        com.fasterxml.jackson.databind.JsonNode resumed = org.massmap.io.JsonFiles.readTree(dir.resolve("convergence.json"));
        assertEquals(whole.get("gaussian").get("sweep"), resumed.get("gaussian").get("sweep"), "the resumed study equals the whole one");
        assertEquals(whole.get("gaussian").get("final_phase"), resumed.get("gaussian").get("final_phase"));

        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ConvergenceStudy.run("t", data, gaussian, sampler, new int[] {1, 2}, 8, 6, 2, dir,
                        new java.io.PrintWriter(new java.io.StringWriter(), true), "./massmap study --convergence"));
        assertTrue(e.getMessage().contains("gaussian-x1.json") && e.getMessage().contains("another run"), e.getMessage());
    }
}
