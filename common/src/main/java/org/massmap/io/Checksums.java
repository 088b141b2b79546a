package org.massmap.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 checksums as 64 lowercase hexadecimal characters, for input files (to skip tiles whose
 * inputs did not change) and for configurations (hash of their canonical text). Stateless.
 */
public final class Checksums {

    private static final HexFormat HEX = HexFormat.of();

    private Checksums() {
    }

    /** SHA-256 of the file's bytes, streamed (any size). */
    public static String sha256(Path file) throws MassmapIoException {
        if (!Files.isRegularFile(file)) {
            throw new MassmapIoException(file, "cannot checksum: no such file");
        }
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new MassmapIoException(file, "cannot read the file to checksum it", e);
        }
        return HEX.formatHex(digest.digest());
    }

    /** SHA-256 of a byte array. */
    public static String sha256(byte[] bytes) {
        return HEX.formatHex(newDigest().digest(bytes));
    }

    /** SHA-256 of the UTF-8 encoding of {@code text}. */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
