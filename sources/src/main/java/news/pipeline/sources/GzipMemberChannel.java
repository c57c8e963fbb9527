package news.pipeline.sources;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.zip.ZipException;

/**
 * The uncompressed bytes of a file made of gzip members, as WARC files compressed record by record
 * are, each member inflated whole by libdeflate, which is about twice as fast as zlib's streaming
 * inflate, then handed out. libdeflate needs the whole member in memory: the compressed window grows
 * up to 16 MiB and the inflated one up to 64 MiB (from 1 MiB each). A member that needs more, or
 * whose data libdeflate refuses (corrupt, or only a wrong CRC-32, which jwarc does not check), throws
 * {@link MemberNeedsStreamingException}: the caller reads that member with jwarc's streaming
 * inflater, so what is read, and what counts as corrupt, stays as jwarc decides. Memory stays
 * bounded whatever the file.
 *
 * <p>The channel remembers where the last members started in the file and in the uncompressed
 * stream, so a position in the stream (a record's start) can be turned back into the file offset of
 * the member it is in.
 */
final class GzipMemberChannel implements ReadableByteChannel {
    /** A member that libdeflate did not inflate whole: too large for the buffers, or data it refuses. */
    static final class MemberNeedsStreamingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MemberNeedsStreamingException(final long offset) {
            super("gzip member at offset " + offset + " not inflated whole (too large, or refused by libdeflate)");
        }
    }

    private static final int FIRST_BUFFER_BYTES = 1 << 20;
    /** The most of a member's compressed bytes held at once. */
    static final int MAX_INPUT_BYTES = 16 << 20;
    /** The most of a member's inflated bytes held at once. */
    static final int MAX_OUTPUT_BYTES = 64 << 20;
    /** Members remembered for turning stream positions back into file offsets (a record spanning more is rare). */
    private static final int REMEMBERED_MEMBERS = 64;

    private final FileChannel file;
    private final int maxInputBytes;
    private final int maxOutputBytes;
    private final long decompressor;
    /** Where libdeflate writes the bytes a member took and gave (two size_t). */
    private final ByteBuffer counts = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());

    private final long countsAddress = address(counts);
    private ByteBuffer in;
    private long inAddress;
    private ByteBuffer out;
    private long outAddress;
    /** The file offset of {@code in}'s first byte, and of the next byte to read into it. */
    private long inFileOffset;

    private long readOffset;
    private boolean endOfFile;
    /** Bytes handed out since the last {@link #seek}: the position in the uncompressed stream. */
    private long handedOut;

    private final long[] memberStreamStart = new long[REMEMBERED_MEMBERS];
    private final long[] memberFileStart = new long[REMEMBERED_MEMBERS];
    private int members;
    private long nextMemberStreamStart;
    private long nextMemberFileStart;
    private boolean open = true;

    GzipMemberChannel(final FileChannel file) {
        this(file, MAX_INPUT_BYTES, MAX_OUTPUT_BYTES);
    }

    GzipMemberChannel(final FileChannel file, final int maxInputBytes, final int maxOutputBytes) {
        if (!Libdeflate.available()) {
            throw new IllegalStateException("libdeflate is not available: " + Libdeflate.problem());
        }
        this.file = file;
        this.maxInputBytes = maxInputBytes;
        this.maxOutputBytes = maxOutputBytes;
        this.decompressor = Libdeflate.allocDecompressor();
        if (decompressor == 0) {
            throw new OutOfMemoryError("libdeflate could not allocate a decompressor");
        }
        setInput(ByteBuffer.allocateDirect(Math.min(FIRST_BUFFER_BYTES, maxInputBytes)));
        setOutput(ByteBuffer.allocateDirect(Math.min(FIRST_BUFFER_BYTES, maxOutputBytes)));
    }

    /** Whether a gzip member starts at the offset. */
    static boolean memberStartsAt(final FileChannel file, final long offset) throws IOException {
        final ByteBuffer magic = ByteBuffer.allocate(3);
        while (magic.hasRemaining() && file.read(magic, offset + magic.position()) > 0) {
            // reads the three bytes
        }
        return !magic.hasRemaining() && isMagic(magic, 0);
    }

    private static boolean isMagic(final ByteBuffer bytes, final int at) {
        return bytes.get(at) == (byte) 0x1f && bytes.get(at + 1) == (byte) 0x8b && bytes.get(at + 2) == 8;
    }

    /** Starts the uncompressed stream (at position 0) at the member at this file offset. */
    void seek(final long offset) {
        in.clear().flip();
        inFileOffset = offset;
        readOffset = offset;
        endOfFile = false;
        out.clear().flip();
        handedOut = 0;
        members = 0;
        nextMemberStreamStart = 0;
        nextMemberFileStart = offset;
    }

    /** The file offset of the member that holds this position of the uncompressed stream. */
    long fileOffsetOf(final long streamPosition) {
        if (streamPosition >= nextMemberStreamStart) {
            return nextMemberFileStart;
        }
        final int oldest = Math.max(0, members - REMEMBERED_MEMBERS);
        for (int member = members - 1; member >= oldest; member--) {
            if (memberStreamStart[member % REMEMBERED_MEMBERS] <= streamPosition) {
                return memberFileStart[member % REMEMBERED_MEMBERS];
            }
        }
        return memberFileStart[oldest % REMEMBERED_MEMBERS];
    }

    @Override
    public int read(final ByteBuffer destination) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        while (!out.hasRemaining()) {
            if (!inflateNextMember()) {
                return -1;
            }
        }
        final int count = Math.min(destination.remaining(), out.remaining());
        final int limit = out.limit();
        out.limit(out.position() + count);
        destination.put(out);
        out.limit(limit);
        handedOut += count;
        return count;
    }

    /** Inflates the next member into {@code out}; false at the end of the file. */
    private boolean inflateNextMember() throws IOException {
        while (true) {
            if (!endOfFile && in.remaining() < in.capacity() / 2) {
                refill();
            }
            if (!in.hasRemaining()) {
                return false;
            }
            final long memberStart = inFileOffset + in.position();
            if (in.remaining() >= 3 && !isMagic(in, in.position())) {
                throw new ZipException("no gzip member at offset " + memberStart);
            }
            final int result = Libdeflate.gzipDecompressEx(
                    decompressor,
                    inAddress + in.position(),
                    in.remaining(),
                    outAddress,
                    out.capacity(),
                    countsAddress,
                    countsAddress + Long.BYTES);
            if (result == Libdeflate.SUCCESS) {
                final int taken = (int) counts.getLong(0);
                final int given = (int) counts.getLong(Long.BYTES);
                in.position(in.position() + taken);
                out.clear().limit(given);
                final int slot = members++ % REMEMBERED_MEMBERS;
                memberStreamStart[slot] = handedOut;
                memberFileStart[slot] = memberStart;
                nextMemberStreamStart = handedOut + given;
                nextMemberFileStart = memberStart + taken;
                return true;
            }
            if (result == Libdeflate.INSUFFICIENT_SPACE) {
                if (out.capacity() >= maxOutputBytes) {
                    throw new MemberNeedsStreamingException(memberStart);
                }
                setOutput(allocate(Math.min(maxOutputBytes, out.capacity() * 2), memberStart));
                continue;
            }
            // Bad data, or a member that goes on past what the window holds: first give it all the window can.
            if (endOfFile) {
                throw new MemberNeedsStreamingException(memberStart);
            }
            if (in.position() > 0 || in.limit() < in.capacity()) {
                refill();
            } else if (in.capacity() < maxInputBytes) {
                final ByteBuffer larger = allocate(Math.min(maxInputBytes, in.capacity() * 2), memberStart);
                larger.put(in).flip();
                setInput(larger);
                refill();
            } else {
                throw new MemberNeedsStreamingException(memberStart);
            }
        }
    }

    /** Moves the unread input to the window's start and reads the file until the window is full. */
    private void refill() throws IOException {
        inFileOffset += in.position();
        in.compact();
        while (in.hasRemaining()) {
            final int read = file.read(in, readOffset);
            if (read < 0) {
                endOfFile = true;
                break;
            }
            readOffset += read;
        }
        in.flip();
    }

    /** A larger buffer, or, when the JVM's direct memory is too small for it, the streaming inflater's turn. */
    private static ByteBuffer allocate(final int bytes, final long memberStart) {
        try {
            return ByteBuffer.allocateDirect(bytes);
        } catch (OutOfMemoryError e) {
            throw new MemberNeedsStreamingException(memberStart);
        }
    }

    private void setInput(final ByteBuffer buffer) {
        in = buffer;
        inAddress = address(buffer);
    }

    private void setOutput(final ByteBuffer buffer) {
        out = buffer;
        out.flip();
        outAddress = address(buffer);
    }

    private static long address(final ByteBuffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            Libdeflate.freeDecompressor(decompressor);
        }
    }
}
