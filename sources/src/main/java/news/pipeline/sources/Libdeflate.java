package news.pipeline.sources;

import com.sun.jna.FunctionMapper;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The few functions of libdeflate that inflate a gzip member held whole in memory, called through
 * JNA's direct mapping, when the system has the library (Debian and Ubuntu: {@code libdeflate0}).
 * libdeflate inflates this project's WARC files about twice as fast as the zlib behind the JDK's
 * {@code Inflater}; without it the reader uses jwarc's own inflater. Pointers and sizes are passed as
 * {@code long}s (x86-64 and AArch64 Linux, macOS), and the buffers behind them must be direct.
 */
final class Libdeflate {
    /** The outcomes of {@code libdeflate_gzip_decompress_ex} ({@code enum libdeflate_result}). */
    static final int SUCCESS = 0;

    static final int BAD_DATA = 1;
    static final int INSUFFICIENT_SPACE = 3;

    private static final Pattern CAPITAL = Pattern.compile("([A-Z])");
    private static final String PROBLEM = load();

    private Libdeflate() {}

    /** Whether the library was found and bound. */
    static boolean available() {
        return PROBLEM == null;
    }

    /** Why it was not, or null. */
    static String problem() {
        return PROBLEM;
    }

    private static String load() {
        try {
            // gzipDecompressEx is bound to libdeflate_gzip_decompress_ex, and so on.
            final Map<String, Object> options =
                    Map.of(Library.OPTION_FUNCTION_MAPPER, (FunctionMapper) (library, method) -> "libdeflate_"
                            + CAPITAL.matcher(method.getName())
                                    .replaceAll("_$1")
                                    .toLowerCase(Locale.ROOT));
            Native.register(Libdeflate.class, NativeLibrary.getInstance("deflate", options));
            return null;
        } catch (LinkageError | RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
    }

    /** A decompressor, or 0 when out of memory. */
    static native long allocDecompressor();

    static native void freeDecompressor(long decompressor);

    /**
     * Inflates the gzip member that starts at {@code in}, into {@code out}; on success writes the
     * bytes the member took (header and trailer included) at {@code actualIn} and the bytes it gave at
     * {@code actualOut}. The trailer's CRC-32 and size are checked.
     */
    static native int gzipDecompressEx(
            long decompressor, long in, long inBytes, long out, long outBytes, long actualIn, long actualOut);
}
