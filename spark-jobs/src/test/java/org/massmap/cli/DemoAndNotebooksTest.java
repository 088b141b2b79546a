package org.massmap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A miniature of the embedded demo (small survey, few chains, short schedule), then every notebook
 * in notebooks/ executed against its output with Debian's python3 — a notebook that errors fails.
 */
@org.massmap.testing.SlowTest
class DemoAndNotebooksTest {

    @Test
    void miniatureDemoRunsAndEveryNotebookExecutes(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo");
        StringWriter console = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"demo", "--out", out.toString(), "--chains", "4", "--set", "survey.size=40",
            "--set", "sampler.levels=5", "--set", "sampler.steps-per-level=2", "--set", "sampler.final-steps=4",
            "--set", "clusters.noise-realisations=8", "--set", "job.min-galaxies=50"},
                new PrintWriter(console, true), new PrintWriter(err, true));
        assertEquals(0, code, console + "\n" + err);
        for (String f : new String[] {"summary.md", "summary.json", "fig1.png", "input/catalog.fits", "input/truth_kappa.fits",
            "run/manifest.json"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("| t"), summary);

        Path script = Path.of("..", "notebooks", "run_notebooks.sh").toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(script), script.toString());
        Process p = new ProcessBuilder(script.toString(), out.resolve("run").toString(),
                out.resolve("input/truth_kappa.fits").toString(), out.resolve("input/halos.fits").toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "notebooks timed out:\n" + log);
        assertEquals(0, p.exitValue(), "notebooks failed:\n" + log);
        assertTrue(log.contains("4 passed"), log);
    }
}
