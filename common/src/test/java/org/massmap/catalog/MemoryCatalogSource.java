package org.massmap.catalog;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import org.massmap.io.RandomAccessInput;

/**
 * A catalog held in a byte array, under a made-up name (for example a URI), counting the bytes
 * handed out by positional reads so that tests can check how much of a file a reader touched.
 */
final class MemoryCatalogSource implements CatalogSource {
    private final String name;
    private final byte[] bytes;
    private final AtomicLong positionalBytes = new AtomicLong();

    MemoryCatalogSource(String name, byte[] bytes) {
        this.name = name;
        this.bytes = bytes.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long length() {
        return bytes.length;
    }

    @Override
    public InputStream openStream() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public RandomAccessInput openInput() {
        return new RandomAccessInput() {
            @Override
            public int read(long position, byte[] buffer, int offset, int length) {
                if (position >= bytes.length) {
                    return -1;
                }
                int n = (int) Math.min(length, bytes.length - position);
                System.arraycopy(bytes, (int) position, buffer, offset, n);
                positionalBytes.addAndGet(n);
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    /** Bytes returned by positional reads so far, over all inputs opened. */
    long positionalBytesRead() {
        return positionalBytes.get();
    }
}
