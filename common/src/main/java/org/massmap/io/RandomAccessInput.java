package org.massmap.io;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Positional reads from an opened file: each call names its own byte offset, so there is no shared
 * file pointer. Implementations wrap a {@code FileChannel} ({@link #of}) or a Hadoop
 * {@code PositionedReadable} stream. Not required to be thread-safe: one per reader.
 */
public interface RandomAccessInput extends Closeable {

    /** Positional reads from a local file channel; closing the input closes the channel. */
    static RandomAccessInput of(FileChannel channel) {
        return new RandomAccessInput() {
            @Override
            public int read(long position, byte[] buffer, int offset, int length) throws IOException {
                return channel.read(ByteBuffer.wrap(buffer, offset, length), position);
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    /**
     * Reads up to {@code length} bytes starting at byte {@code position} of the file into
     * {@code buffer[offset, offset + length)}, blocking until at least one byte is read.
     *
     * @return the number of bytes read (at least 1 when {@code length > 0}), or -1 if
     *         {@code position} is at or past the end of the file
     */
    int read(long position, byte[] buffer, int offset, int length) throws IOException;

    /**
     * Reads exactly {@code length} bytes starting at byte {@code position}.
     *
     * @throws EOFException if the file ends first
     */
    default void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = read(position + done, buffer, offset + done, length - done);
            if (n < 0) {
                throw new EOFException("end of file at byte " + (position + done) + " while reading " + length
                        + " bytes from byte " + position);
            }
            done += n;
        }
    }
}
