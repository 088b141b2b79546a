package org.massmap.model;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.massmap.io.JsonFiles;

/**
 * Reads and writes a model directory:
 * <ul>
 *   <li>{@value #METADATA}: {@link ModelMetadata} as JSON (architecture, pixel size, C_ℓ table,
 *       σ range, training summary, SHA-256 of the weights);</li>
 *   <li>{@value #WEIGHTS}: a 16-byte header (magic "MMW1", format version, parameter count, BN
 *       statistics count, as little-endian int32) then the parameters and BN running statistics as
 *       little-endian float32 in {@link ParameterLayout} order.</li>
 * </ul>
 * The network is rebuilt from the architecture in the metadata, so the files do not depend on
 * SameDiff's serialisation format. Loading verifies the header, the sizes against the architecture
 * and the checksum, and reports a truncated or corrupt file by name. Files are written under a
 * temporary name and then moved into place.
 */
public final class ModelFiles {
    public static final String METADATA = "model.json";
    public static final String WEIGHTS = "weights.bin";
    private static final int MAGIC = 0x3157_4D4D; // "MMW1" little-endian
    private static final int HEADER_BYTES = 16;

    private ModelFiles() {
    }

    /** The JSON mapper of metadata: the project's one set-up ({@link JsonFiles#mapper()}). */
    public static ObjectMapper json() {
        return JsonFiles.mapper();
    }

    /** Writes a model into {@code dir} (created if needed; existing model files are replaced). */
    public static void save(ScoreModel model, Path dir) throws ModelFileException {
        NetworkWeights w = model.weights();
        byte[] payload = w.payload();
        ModelMetadata meta = model.metadata();
        if (!NetworkWeights.sha256(payload).equals(meta.weightsSha256())) {
            meta = meta.with(meta.training(), NetworkWeights.sha256(payload));
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(MAGIC).putInt(1).putInt(w.parameterCount()).putInt(w.bnStatCount());
        byte[] bytes = new byte[HEADER_BYTES + payload.length];
        System.arraycopy(header.array(), 0, bytes, 0, HEADER_BYTES);
        System.arraycopy(payload, 0, bytes, HEADER_BYTES, payload.length);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ModelFileException(dir, "cannot create the model directory", e);
        }
        writeAtomically(dir.resolve(WEIGHTS), bytes);
        try {
            writeAtomically(dir.resolve(METADATA), json().writeValueAsBytes(meta));
        } catch (JacksonException e) {
            throw new ModelFileException(dir.resolve(METADATA), "cannot encode the metadata", e);
        }
    }

    /** Reads and verifies a model directory. */
    public static ScoreModel load(Path dir) throws ModelFileException {
        ModelMetadata meta = readMetadata(dir);
        Path wf = dir.resolve(WEIGHTS);
        byte[] bytes = read(wf);
        ParameterLayout layout;
        try {
            layout = ParameterLayout.of(meta.network());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(dir.resolve(METADATA), "invalid network description: " + e.getMessage(), e);
        }
        if (bytes.length < HEADER_BYTES) {
            throw new ModelFileException(wf, "truncated: " + bytes.length + " bytes, shorter than the " + HEADER_BYTES + "-byte header");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt();
        int version = b.getInt();
        int np = b.getInt();
        int ns = b.getInt();
        if (magic != MAGIC || version != 1) {
            throw new ModelFileException(wf, "not a massmap weights file (bad magic or version " + version + ")");
        }
        if (np != layout.parameterCount() || ns != layout.bnStatCount()) {
            throw new ModelFileException(wf, "holds " + np + " parameters and " + ns + " BN statistics but the network in "
                    + METADATA + " needs " + layout.parameterCount() + " and " + layout.bnStatCount()
                    + "; the two files come from different models");
        }
        long expected = HEADER_BYTES + 4L * (np + ns);
        if (bytes.length != expected) {
            throw new ModelFileException(wf, (bytes.length < expected ? "truncated" : "too long") + ": " + bytes.length
                    + " bytes, expected " + expected + "; copy the model again");
        }
        byte[] payload = java.util.Arrays.copyOfRange(bytes, HEADER_BYTES, bytes.length);
        String sha = NetworkWeights.sha256(payload);
        if (!sha.equals(meta.weightsSha256())) {
            throw new ModelFileException(wf, "SHA-256 " + sha + " does not match " + meta.weightsSha256() + " in " + METADATA
                    + "; the weights are corrupt or from another model; copy the model again");
        }
        float[] params = new float[np];
        float[] stats = new float[ns];
        b.asFloatBuffer().get(params).get(stats);
        return new ScoreModel(meta, new NetworkWeights(params, stats));
    }

    /** Reads and parses only the metadata. */
    public static ModelMetadata readMetadata(Path dir) throws ModelFileException {
        Path mf = dir.resolve(METADATA);
        byte[] bytes = read(mf);
        ModelMetadata meta;
        try {
            meta = json().readValue(bytes, ModelMetadata.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // the original message and the position only: Jackson's full message quotes the whole file
            var at = e.getLocation();
            throw new ModelFileException(mf, "not valid model metadata JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFileException(mf, "not valid model metadata JSON: " + e.getMessage(), e);
        }
        if (meta.formatVersion() != ModelMetadata.FORMAT_VERSION) {
            throw new ModelFileException(mf, "format version " + meta.formatVersion() + " but this software reads "
                    + ModelMetadata.FORMAT_VERSION + (meta.formatVersion() < ModelMetadata.FORMAT_VERSION
                    ? " (older models have a zero-padded network trained on non-periodic crops); retrain it with massmap train"
                    : "; use a matching massmap version"));
        }
        if (meta.network() == null || meta.encoding() == null || meta.prior() == null || meta.sigma() == null
                || meta.weightsSha256() == null || !(meta.pixelArcmin() > 0)) {
            throw new ModelFileException(mf, "incomplete metadata: network, encoding, prior, sigma, pixelArcmin and"
                    + " weightsSha256 are all required");
        }
        return meta;
    }

    private static byte[] read(Path f) throws ModelFileException {
        try {
            return Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(f, "missing; a model directory holds " + METADATA + " and " + WEIGHTS, e);
        } catch (IOException e) {
            throw new ModelFileException(f, "cannot read: " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path target, byte[] bytes) throws ModelFileException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ModelFileException(target, "cannot write: " + e.getMessage(), e);
        }
    }
}
