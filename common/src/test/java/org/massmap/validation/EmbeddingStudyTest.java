package org.massmap.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.massmap.catalog.BinnedShear;
import org.massmap.config.ConfigLoader;
import org.massmap.config.MapSettings;
import org.massmap.config.SamplerConfig;
import org.massmap.config.Settings;
import org.massmap.config.SurveyConfig;
import org.massmap.config.TheoryConfig;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.sim.MockSurvey;
import org.massmap.sim.MockSurveySpec;
import org.massmap.theory.ConvergenceSpectrum;

/** The tile-boundary study on a tiny mock: bands, one result per margin, a report that names them. */
class EmbeddingStudyTest {

    @Test
    void bandsCountPixelsFromTheNearestEdge() {
        int[] band = EmbeddingStudy.bands(TileGrid.square(40, 1, new SkyPoint(0, 0)));
        assertEquals(0, band[0]);
        assertEquals(0, band[40 * 20 + 1]); // column 1: d = 1 -> [0, 2)
        assertEquals(1, band[40 * 20 + 2]);
        assertEquals(1, band[40 * 20 + 37]); // 2 from the last column: d = 2 -> [2, 4)
        assertEquals(2, band[40 * 20 + 35]); // d = 4 -> [4, 8)
        assertEquals(3, band[40 * 20 + 8]);
        assertEquals(4, band[40 * 20 + 20]);
        assertEquals(4, band[40 * 16 + 16]);
        assertEquals(3, band[40 * 15 + 20]); // row 15: d = 15 -> [8, 16)
        assertEquals("d 0-1", EmbeddingStudy.bandName(0));
        assertEquals("d ≥ 16", EmbeddingStudy.bandName(4));
    }

    @Test
    void scoresEveryMarginOnOneMock() throws Exception {
        Settings s = new Settings(ConfigLoader.load(null, Map.of("map.size", "16", "survey.size", "20", "survey.halos", "false",
                "sampler.chains", "3", "sampler.levels", "3", "sampler.steps-per-level", "2", "sampler.final-steps", "2")));
        MockSurveySpec spec = SurveyConfig.spec(s);
        ConvergenceSpectrum cl = TheoryConfig.priorSpectrum(s);
        MockSurvey mock = MockSurvey.generate(spec, MockSurvey.truthSimulator(spec, cl::cl, null), new SplittableRandom(3));
        MapSettings map = MapSettings.from(s);
        BinnedShear binned = StudyRealisation.bin(mock, map);
        EmbeddingStudy.Realisation r = EmbeddingStudy.run(3, mock, binned, cl, map.shearModel(), new double[] {0, 0.5},
                SamplerConfig.from(s), 1e-6, 500, 1);
        assertEquals(2, r.margins().size());
        assertEquals(16, r.margins().get(0).side());
        assertEquals(24, r.margins().get(1).side());
        int observed = 0;
        for (boolean m : binned.mask()) {
            observed += m ? 1 : 0;
        }
        assertEquals(observed, java.util.Arrays.stream(r.pixels()).sum());
        for (EmbeddingStudy.MarginResult m : r.margins()) {
            assertEquals(3, m.samples());
            assertEquals(EmbeddingStudy.BAND_EDGES.length, m.rmse().length);
            for (int b = 0; b < 3; b++) { // a 16-pixel tile has no pixel 8 or more from its edge
                assertTrue(m.rmse()[b] > 0 && m.rmseMc()[b] <= m.rmse()[b] && m.coverage68()[b] <= m.coverage95()[b], m.toString());
            }
            assertEquals(r.ell().length, m.samplePower().length);
        }
        assertNotEquals(r.margins().get(0).wienerRmse()[0], r.margins().get(1).wienerRmse()[0], "the margin changes the map");
        String md = EmbeddingStudy.markdown(List.of(r, r), List.of("command: test"));
        assertTrue(md.contains("| 0.5000 | 24 |") && md.contains("command: test") && md.contains("Paired change"), md);
        assertArrayEquals(EmbeddingStudy.meanSe(new double[] {1, 3}), new double[] {2, 1}, 1e-12);
    }
}
