package news.pipeline.eval;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fixed piece of CPU work that no change to the project touches: sorting copies of the same
 * 16,384 pseudo-random ints (64 KB, so it runs from the core's own caches, with branches that
 * depend on the data, as a tagger's do). Its rate on one thread is the speed of the core at that
 * moment: on a virtual machine the host's other work moves it by a third within minutes, and a
 * benchmark run beside it tells that drift from a change in its own code.
 */
final class MachineReference {
    private static final int VALUES = 1 << 14;
    private static final long SEED = 20_261_204L;
    private static final int[] VALUES_TO_SORT =
            new SplittableRandom(SEED).ints(VALUES).toArray();

    /** Where each run leaves a value of its sorts, so that the JIT cannot leave the sorting out. */
    @SuppressWarnings("unused")
    private static volatile long consumed;

    private MachineReference() {}

    /** Sorts per second of this thread's CPU time, over about {@code seconds}. */
    static double sortsPerCpuSecond(final double seconds) {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
        final int[] work = new int[VALUES];
        long sink = 0;
        final long end = System.nanoTime() + (long) (seconds * 1e9);
        final long t0 = System.nanoTime();
        final long c0 = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
        long sorts = 0;
        while (System.nanoTime() < end) {
            System.arraycopy(VALUES_TO_SORT, 0, work, 0, VALUES);
            Arrays.sort(work);
            sink += work[VALUES / 2];
            sorts++;
        }
        final double elapsed =
                cpuTime ? (threads.getCurrentThreadCpuTime() - c0) / 1e9 : (System.nanoTime() - t0) / 1e9;
        consumed = sink;
        return sorts / elapsed;
    }
}
