package news.pipeline.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.PipelineSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Test articles sent at a steady rate by a thread of its own while a test breaks the cluster, as
 * crawlers would go on sending: the processors always have fresh work, so a stall in their output
 * is the fault's doing. It keeps at most a set number of articles ahead of the output, so that a
 * busy machine gets a backlog no larger than that, not one that grows for as long as the test
 * runs. Keeps when each article was sent. The producer waits out a lost leader or too few replicas
 * (idempotent, acks=all, ten minutes to deliver) instead of failing the send.
 */
public final class ArticleFlow implements AutoCloseable {
    private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(10);
    private static final long TICK_MILLIS = 20;

    private final KafkaProducer<byte[], byte[]> producer;
    /** The number of the first article; the flow sends first, first + 1, ... */
    private final int first;

    private final int perSecond;
    private final IntSupplier out;
    private final int maxAhead;
    private final AtomicLongArray sentAt;
    private final AtomicInteger sent = new AtomicInteger();
    private final List<Future<RecordMetadata>> acknowledgements = new ArrayList<>();
    private final Thread thread;
    private volatile int stopAt;
    /** Set by {@link #finish}: the rest goes as fast as the pipeline takes it, not at the rate. */
    private volatile boolean catchingUp;

    private ArticleFlow(
            final PipelineSettings settings,
            final int first,
            final int perSecond,
            final int max,
            final IntSupplier out,
            final int maxAhead) {
        final String patience = String.valueOf(DELIVERY_TIMEOUT.toMillis());
        this.producer = Clients.producer(settings.withDefault(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, patience)
                .withDefault(ProducerConfig.MAX_BLOCK_MS_CONFIG, patience));
        this.first = first;
        this.perSecond = perSecond;
        this.out = out;
        this.maxAhead = maxAhead;
        this.sentAt = new AtomicLongArray(max);
        this.stopAt = max;
        this.thread = new Thread(this::send, "article-flow");
        this.thread.setDaemon(true);
    }

    /**
     * Starts sending articles first, first + 1, ... ({@link FaultKit#goodRecords}) at the rate.
     *
     * @param first    the number of the first article: a test sharing topics with the tests before
     *                 it starts past their articles, so that every id is new
     * @param max      the most articles it may ever send
     * @param out      how many articles have come out of the pipeline so far
     * @param maxAhead the most articles it may have sent that have not come out
     */
    public static ArticleFlow start(
            final PipelineSettings settings,
            final int first,
            final int perSecond,
            final int max,
            final IntSupplier out,
            final int maxAhead) {
        final ArticleFlow flow = new ArticleFlow(settings, first, perSecond, max, out, maxAhead);
        flow.thread.start();
        return flow;
    }

    private void send() {
        long last = System.nanoTime();
        long dueNanoArticles = 0;
        while (sent.get() < stopAt) {
            final long now = System.nanoTime();
            // The rate's allowance accrues only while the output keeps up, so none is saved up during a stall.
            if (sent.get() - out.getAsInt() < maxAhead) {
                dueNanoArticles += (now - last) * perSecond;
            }
            last = now;
            final long byRate = catchingUp ? stopAt : dueNanoArticles / TimeUnit.SECONDS.toNanos(1);
            final long allowed = Math.min(Math.min(stopAt, byRate), (long) out.getAsInt() + maxAhead);
            final int from = sent.get();
            if (allowed > from) {
                for (final ProducerRecord<byte[], byte[]> record :
                        FaultKit.goodRecords(first + from, (int) (allowed - from))) {
                    sentAt.set(sent.get(), System.nanoTime());
                    final Future<RecordMetadata> acknowledged = producer.send(record);
                    synchronized (acknowledgements) {
                        acknowledgements.add(acknowledged);
                    }
                    sent.incrementAndGet();
                }
            }
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Articles handed to the producer so far. */
    public int sent() {
        return sent.get();
    }

    /** When the flow's nth article was handed to the producer ({@link System#nanoTime()}), or 0 if it was not. */
    public long sentAt(final int n) {
        return n < sentAt.length() ? sentAt.get(n) : 0;
    }

    /**
     * Lets the flow go on until at least {@code atLeast} articles are sent, stops it, and waits until
     * the cluster has acknowledged every send; a send that failed fails the test. The articles still
     * to send go as fast as the output keeps up (at most {@code maxAhead} ahead), not at the steady
     * rate: a test calls this once its faults are over, and pacing the rest would only make it
     * longer, not prove more.
     *
     * @return the ids of every article sent
     */
    public Set<String> finish(final int atLeast, final Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        stopAt = Math.max(atLeast, sent.get());
        catchingUp = true;
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            throw new TimeoutException("the flow sent " + sent.get() + " of " + stopAt + " articles in " + timeout);
        }
        producer.flush();
        synchronized (acknowledgements) {
            for (final Future<RecordMetadata> acknowledged : acknowledgements) {
                acknowledged.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return IntStream.range(first, first + sent.get()).mapToObj(FaultKit::id).collect(Collectors.toSet());
    }

    @Override
    public void close() {
        thread.interrupt();
        producer.close(Duration.ofSeconds(5));
    }
}
