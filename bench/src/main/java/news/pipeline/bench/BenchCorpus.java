package news.pipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import news.pipeline.clean.ArticleCleaner;
import news.pipeline.clean.CleanDocument;
import news.pipeline.clean.DocumentFormat;
import news.pipeline.clean.RawDocument;
import news.pipeline.clean.RejectedDocumentException;
import news.pipeline.runtime.GeneratedNews;
import news.pipeline.runtime.StepChain;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;

/** Reads the benchmark's inputs (samples, a text corpus, a folder of pages) and builds the workloads. */
public final class BenchCorpus {
    /** A page of the pages folder. */
    public record Page(String name, byte[] content) {}

    /** The generated pages' sizes: a short article page to a heavy front-page-like article page. */
    public static final int GENERATED_MIN_BYTES = 20 * 1024;

    public static final int GENERATED_MAX_BYTES = 300 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchCorpus() {}

    /**
     * Stories: the samples' texts (HTML through the cleaner) and, when given, a
     * JSON-lines corpus ({@code title} and {@code text}, or {@code dateline} and {@code body}).
     */
    public static TextArticles textGenerator(
            final Path samples, final Path texts, final int minBytes, final int maxBytes) {
        return textGenerator(samples, texts, List.of(), minBytes, maxBytes);
    }

    /** The same, with generated wire stories ({@link GeneratedNews#stories}) added to the corpus. */
    public static TextArticles textGenerator(
            final Path samples,
            final Path texts,
            final List<GeneratedNews.Story> generated,
            final int minBytes,
            final int maxBytes) {
        final List<TextArticles.Story> stories = new ArrayList<>();
        for (final GeneratedNews.Story story : generated) {
            stories.add(new TextArticles.Story(story.title(), story.paragraphs()));
        }
        final ArticleCleaner cleaner = new ArticleCleaner();
        for (final Path file : files(samples)) {
            final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            final byte[] bytes = read(file);
            if (name.endsWith(".txt")) {
                final String text = new String(bytes, StandardCharsets.UTF_8);
                stories.add(new TextArticles.Story(
                        text.strip().lines().findFirst().orElse("").strip(), TextArticles.paragraphsOf(text)));
            } else if (name.endsWith(".html") || name.endsWith(".htm") || name.endsWith(".html.gz")) {
                addCleaned(cleaner, bytes, DocumentFormat.HTML, stories);
            } else if (name.endsWith(".jsonl")) {
                for (final String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        addJson(cleaner, line, stories);
                    }
                }
            }
        }
        if (texts != null) {
            try (BufferedReader in = Files.newBufferedReader(texts, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isBlank()) {
                        addJson(cleaner, line, stories);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + texts, e);
            }
        }
        return new TextArticles(stories, minBytes, maxBytes);
    }

    private static void addJson(
            final ArticleCleaner cleaner, final String line, final List<TextArticles.Story> stories) {
        final JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            return;
        }
        if (node.hasNonNull("html")) {
            addCleaned(
                    cleaner, node.get("html").asText().getBytes(StandardCharsets.UTF_8), DocumentFormat.HTML, stories);
            return;
        }
        final String text = node.hasNonNull("text")
                ? node.get("text").asText()
                : (node.path("dateline").asText("") + " " + node.path("body").asText("")).strip();
        stories.add(new TextArticles.Story(node.path("title").asText("").strip(), TextArticles.paragraphsOf(text)));
    }

    private static void addCleaned(
            final ArticleCleaner cleaner,
            final byte[] content,
            final DocumentFormat format,
            final List<TextArticles.Story> stories) {
        try {
            final CleanDocument doc = cleaner.clean(new RawDocument(content, null, format, null, null));
            stories.add(new TextArticles.Story(
                    doc.title(),
                    doc.paragraphs().stream()
                            .filter(p -> p.length() >= TextArticles.MIN_PARAGRAPH_CHARS)
                            .toList()));
        } catch (RejectedDocumentException e) {
            // A page with no text gives no paragraphs.
        }
    }

    /**
     * Pages written by {@link GeneratedNews#pages}: the layouts in turn, 20 to 300 KB, the same for
     * the same seed.
     */
    public static List<Page> generatedPages(final int count, final long seed) {
        return GeneratedNews.pages(count, seed, GENERATED_MIN_BYTES, GENERATED_MAX_BYTES).stream()
                .map(page -> new Page(page.name(), page.bytes()))
                .toList();
    }

    /** Every .html, .htm and .html.gz page under the folder (or the one file), in name order. */
    public static List<Page> pages(final Path dirOrFile) {
        final List<Page> pages = new ArrayList<>();
        for (final Path file : files(dirOrFile)) {
            final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".html") || name.endsWith(".htm") || name.endsWith(".html.gz")) {
                pages.add(new Page(file.getFileName().toString(), read(file)));
            }
        }
        return pages;
    }

    /**
     * The text workload: a pool of generated articles, with the records each yields.
     *
     * @param settings the processors' settings: what each article yields is judged as they will
     */
    public static Workload textWorkload(
            final List<TextArticles.Text> texts, final int articles, final Map<String, String> settings) {
        final List<RawArticle> raws = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            raws.add(RawArticle.newBuilder()
                    .setUrl("https://bench.example/text/" + i)
                    .setSource("bench")
                    .setFormat(ArticleFormat.TEXT)
                    .setContentType("text/plain; charset=utf-8")
                    .setContent(ByteBuffer.wrap(texts.get(i).body().getBytes(StandardCharsets.UTF_8)))
                    .setTitle(texts.get(i).title())
                    .build());
        }
        return workload("text", texts.size() + " distinct generated texts of 2-8 KB", raws, articles, settings);
    }

    /** The HTML workload: the pages as they are, cycled; the settings as for {@link #textWorkload}. */
    public static Workload htmlWorkload(
            final List<Page> pages, final int articles, final Map<String, String> settings) {
        final List<RawArticle> raws = new ArrayList<>();
        for (final Page page : pages) {
            raws.add(RawArticle.newBuilder()
                    .setUrl("https://bench.example/html/" + page.name())
                    .setSource("bench")
                    .setFormat(ArticleFormat.HTML)
                    .setContentType("text/html")
                    .setContent(ByteBuffer.wrap(page.content()))
                    .build());
        }
        return workload("html", pages.size() + " distinct HTML pages", raws, articles, settings);
    }

    private static Workload workload(
            final String name,
            final String description,
            final List<RawArticle> raws,
            final int articles,
            final Map<String, String> settings) {
        final AvroSerde<RawArticle> serde = new AvroSerde<>(RawArticle.class);
        // The processors' own steps and serdes, so that the counts and the ceiling's records are theirs exactly.
        final StepChain chain = new StepChain(settings);
        final List<byte[]> values = new ArrayList<>();
        final List<StepChain.Hops> hops = new ArrayList<>();
        final int[] fanOut = new int[raws.size()];
        for (int i = 0; i < raws.size(); i++) {
            values.add(serde.encode(raws.get(i)));
            // A key of the length of the load generator's ("t-" and the article's number).
            hops.add(chain.run(EndConsumer.THROUGHPUT_PREFIX + i, values.get(i)));
            fanOut[i] = hops.get(i).fanOut();
        }
        return new Workload(name, description, values, fanOut, articles, hops);
    }

    private static List<Path> files(final Path dirOrFile) {
        if (!Files.isDirectory(dirOrFile)) {
            return Files.isRegularFile(dirOrFile) ? List.of(dirOrFile) : List.of();
        }
        try (Stream<Path> walk = Files.walk(dirOrFile)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dirOrFile, e);
        }
    }

    private static byte[] read(final Path file) {
        try (InputStream in = file.getFileName().toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(file))
                : Files.newInputStream(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
