package news.pipeline.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Commands write through picocli's writers; a library that reports to a PrintStream gets one onto them. */
final class Writers {
    private Writers() {}

    /** A PrintStream whose text goes to the writer, line by line. */
    static PrintStream printStream(final PrintWriter writer) {
        return new PrintStream(
                new OutputStream() {
                    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

                    @Override
                    public void write(final int b) {
                        pending.write(b);
                        if (b == '\n') {
                            flush();
                        }
                    }

                    @Override
                    public void write(final byte[] bytes, final int offset, final int length) {
                        pending.write(bytes, offset, length);
                    }

                    @Override
                    public void close() {
                        flush();
                    }

                    @Override
                    public void flush() {
                        // The PrintStream flushes after whole characters, so a multi-byte character is never cut here.
                        writer.write(pending.toString(StandardCharsets.UTF_8));
                        pending.reset();
                        writer.flush();
                    }
                },
                true,
                StandardCharsets.UTF_8);
    }
}
