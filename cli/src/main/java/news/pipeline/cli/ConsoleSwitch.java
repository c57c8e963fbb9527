package news.pipeline.cli;

import java.net.URI;
import news.pipeline.bench.AlternatingBenchmark;
import news.pipeline.console.Console;
import news.pipeline.runtime.OpsServer;

/**
 * The console, switched on and off in one processors' JVM by {@code bench --with-console}: on, it is
 * attached there ({@link ServedProcessorsMain#CONSOLE_ON}) and a {@link ConsoleVisitor} keeps it
 * updating as its open pages would; off, the visitor stops and the console is closed. As a control
 * it switches nothing ({@link ServedProcessorsMain#NOTHING}): both windows of a pair run alike, so
 * their ratios show what the measurement itself gives where there is no difference to find.
 */
final class ConsoleSwitch implements AlternatingBenchmark.Switch {
    private final URI base;
    private final ConsoleVisitor.Tabs tabs;
    private final boolean control;
    private ConsoleVisitor visitor;
    private long answered;
    private long failed;

    /**
     * @param base the console's address in the processors' JVM (http://127.0.0.1:PORT/)
     * @param tabs how the console is kept open while on
     * @param control whether to switch nothing: the console stays closed in every window
     */
    ConsoleSwitch(final URI base, final ConsoleVisitor.Tabs tabs, final boolean control) {
        this.base = base;
        this.tabs = tabs;
        this.control = control;
    }

    /** What "on" means in this run, for the report. */
    String describeOn() {
        if (control) {
            return "nothing: a control run, the console closed in every window";
        }
        return tabs == ConsoleVisitor.Tabs.ALL
                ? "every page polling as if open in its own tab"
                : "one tab showing each page for " + ConsoleVisitor.PAGE_DWELL.toSeconds() + " s in the menu's order";
    }

    @Override
    public String onCommand() {
        return control ? ServedProcessorsMain.NOTHING : ServedProcessorsMain.CONSOLE_ON;
    }

    @Override
    public String offCommand() {
        return control ? ServedProcessorsMain.NOTHING : ServedProcessorsMain.CONSOLE_OFF;
    }

    @Override
    public void switchedOn() {
        if (!control) {
            visitor = new ConsoleVisitor(base, tabs);
        }
    }

    @Override
    public void switchingOff() {
        if (visitor != null) {
            visitor.close();
            answered += visitor.answered();
            failed += visitor.failed();
            visitor = null;
        }
    }

    @Override
    public boolean owns(final String threadName) {
        return consoleThread(threadName);
    }

    /** Console requests answered with 200, over every on window so far. */
    long answered() {
        return answered;
    }

    /** Console requests refused or failed. */
    long failed() {
        return failed;
    }

    /**
     * The console's threads, and the HTTP server's (its executor and the JDK's dispatcher), which in
     * the benchmark serve nothing but the console's pages.
     */
    static boolean consoleThread(final String name) {
        return name.contains(Console.THREAD_NAME)
                || name.startsWith(OpsServer.THREAD_NAME)
                || name.equals("HTTP-Dispatcher");
    }
}
