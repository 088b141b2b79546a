package org.massmap.io.fits;

import java.io.IOException;
import java.io.InputStream;
import org.massmap.io.RandomAccessInput;

/**
 * An unbuffered stream over bytes [start, end) of a {@link RandomAccessInput}, for handing one
 * HDU's header to nom-tam-fits. Closing it leaves the input open (it belongs to the caller).
 */
final class PositionedInputStream extends InputStream {
    private final RandomAccessInput in;
    private final long end;
    private long position;

    PositionedInputStream(RandomAccessInput in, long start, long end) {
        this.in = in;
        this.position = start;
        this.end = end;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int n = in.read(position, buffer, offset, (int) Math.min(length, end - position));
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }
}
