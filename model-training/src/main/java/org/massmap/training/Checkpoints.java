package org.massmap.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.massmap.model.ModelFileException;
import org.massmap.model.ModelFiles;
import org.massmap.model.ScoreModel;

/**
 * Checkpoint directories of a training run: {@code <root>/step-<12 digits>/} holding the model
 * ({@code model/}, see {@link ModelFiles}), Adam's moments ({@code optimizer.bin}: magic "MMA1",
 * step as int64, count as int32, then m and v as little-endian float32), when the run keeps one the
 * moving average of the weights ({@code average.bin}: magic "MME1", step, count, then the averages
 * as float32; the model holds the current weights) and {@code trainer.json} (the
 * {@link TrainingSetup}, step and loss history). Each is written under a temporary name and
 * renamed when complete, so a crash mid-write leaves the previous checkpoint intact; the two newest
 * are kept.
 */
final class Checkpoints {
    private static final Pattern NAME = Pattern.compile("step-\\d{12}");
    private static final int MAGIC = 0x3141_4D4D; // "MMA1"
    private static final int AVERAGE_MAGIC = 0x3145_4D4D; // "MME1"
    private static final String AVERAGE = "average.bin";
    private static final String OPTIMIZER = "optimizer.bin";
    private static final int HEADER_BYTES = 16;
    private static final int KEEP = 2;

    /** What trainer.json holds. */
    record TrainerFile(TrainingSetup setup, long step, List<double[]> history, String initialisedFrom) { }

    /** A checkpoint read back. */
    record Loaded(TrainingSetup setup, TrainingState state, List<LossPoint> history, Path dir, String initialisedFrom) { }

    private Checkpoints() {
    }

    static Path write(Path root, TrainingSetup setup, TrainingState state, List<LossPoint> history, ScoreModel model,
            String initialisedFrom) throws ModelFileException {
        String name = String.format("step-%012d", state.step());
        Path tmp = root.resolve(name + ".tmp");
        Path dir = root.resolve(name);
        try {
            Files.createDirectories(root);
            deleteTree(tmp);
            Files.createDirectories(tmp);
            ModelFiles.save(model, tmp.resolve("model"));
            writeArrays(tmp.resolve(OPTIMIZER), MAGIC, state.step(), state.adamM(), state.adamV());
            if (state.hasAverage()) {
                writeArrays(tmp.resolve(AVERAGE), AVERAGE_MAGIC, state.step(), state.average());
            }
            List<double[]> h = new ArrayList<>(history.size());
            for (LossPoint p : history) {
                h.add(new double[] {p.step(), p.loss(), p.learningRate()});
            }
            ModelFiles.json().writeValue(tmp.resolve("trainer.json").toFile(), new TrainerFile(setup, state.step(), h, initialisedFrom));
            deleteTree(dir);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            List<Path> all = list(root);
            for (int i = 0; i < all.size() - KEEP; i++) {
                deleteTree(all.get(i));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ModelFileException(dir, "cannot write checkpoint: " + e.getMessage(), e);
        }
        return dir;
    }

    /** The newest complete checkpoint under root, if any. */
    static Optional<Path> latest(Path root) throws ModelFileException {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try {
            List<Path> all = list(root);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        } catch (IOException e) {
            throw new ModelFileException(root, "cannot list checkpoints: " + e.getMessage(), e);
        }
    }

    static Loaded read(Path dir) throws ModelFileException {
        ScoreModel model = ModelFiles.load(dir.resolve("model"));
        Path tf = dir.resolve("trainer.json");
        TrainerFile t;
        try {
            ObjectMapper json = ModelFiles.json();
            t = json.readValue(tf.toFile(), TrainerFile.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFileException(tf, "not a valid trainer checkpoint: " + e.getMessage(), e);
        }
        int n = model.weights().parameterCount();
        float[][] moments = readArrays(dir.resolve(OPTIMIZER), MAGIC, t.step(), n, 2);
        Path averageFile = dir.resolve(AVERAGE);
        float[] average = Files.exists(averageFile) ? readArrays(averageFile, AVERAGE_MAGIC, t.step(), n, 1)[0] : new float[0];
        List<LossPoint> history = new ArrayList<>();
        for (double[] p : t.history()) {
            history.add(new LossPoint((long) p[0], p[1], p[2]));
        }
        TrainingState state = new TrainingState(t.step(), model.weights().parameters(), model.weights().bnStats(), moments[0],
                moments[1], average);
        return new Loaded(t.setup(), state, history, dir, t.initialisedFrom());
    }

    /** Writes magic, step (int64), the arrays' common length (int32), then each array, as little-endian float32. */
    private static void writeArrays(Path file, int magic, long step, float[]... arrays) throws IOException {
        int n = arrays[0].length;
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + 4 * n * arrays.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(magic).putLong(step).putInt(n);
        java.nio.FloatBuffer f = b.asFloatBuffer();
        for (float[] a : arrays) {
            f.put(a);
        }
        Files.write(file, b.array());
    }

    /** Reads {@code count} arrays of n floats written by {@link #writeArrays}, checking the size and the header against trainer.json. */
    private static float[][] readArrays(Path file, int magic, long step, int n, int count) throws ModelFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read: " + e.getMessage(), e);
        }
        long expected = HEADER_BYTES + 4L * n * count;
        if (bytes.length != expected) {
            throw new ModelFileException(file, "has " + bytes.length + " bytes, expected " + expected + " (truncated or from another model)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int fileMagic = b.getInt();
        long fileStep = b.getLong();
        int fileCount = b.getInt();
        if (fileMagic != magic || fileStep != step || fileCount != n) {
            throw new ModelFileException(file, "header does not match trainer.json (step " + fileStep + " vs " + step + ")");
        }
        float[][] arrays = new float[count][n];
        java.nio.FloatBuffer f = b.asFloatBuffer();
        for (float[] a : arrays) {
            f.get(a);
        }
        return arrays;
    }

    private static List<Path> list(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
