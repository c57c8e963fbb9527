package news.pipeline.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Node;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The cleaner's own walk must visit as jsoup's {@code NodeTraversor.filter} does, whatever the filter answers. */
class TreeWalkTest {

    @ParameterizedTest
    @MethodSource("fixturePages")
    void shouldVisitAsJsoupDoesOnEveryFixturePage(final Path page) throws IOException {
        // Latin-1 reads every byte, including the windows-1252 page's; the tree's shape is what counts.
        final Document doc =
                Parser.htmlParser().parseInput(new String(Files.readAllBytes(page), StandardCharsets.ISO_8859_1), "");
        // Seeds pick different mixes of answers: all CONTINUE, skips everywhere, a STOP somewhere.
        for (int seed = 0; seed < 12; seed++) {
            final int chosen = seed;
            assertThat(visits(filter -> TreeWalk.filter(filter, doc), chosen))
                    .as("visits with seed %d", chosen)
                    .isEqualTo(visits(filter -> NodeTraversor.filter(filter, doc), chosen))
                    .hasSizeGreaterThan(1);
        }
    }

    @Test
    void shouldVisitALeafRootOnce() {
        final Node text = Parser.htmlParser()
                .parseInput("<p>only text</p>", "")
                .selectFirst("p")
                .childNode(0);
        for (int seed = 0; seed < 12; seed++) {
            assertThat(visits(filter -> TreeWalk.filter(filter, text), seed))
                    .isEqualTo(visits(filter -> NodeTraversor.filter(filter, text), seed));
        }
    }

    @Test
    void shouldRefuseToRemoveNodes() {
        final Document doc = Parser.htmlParser().parseInput("<p>a</p><p>b</p>", "");
        assertThatThrownBy(() -> TreeWalk.filter(new Answering(-1, new ArrayList<>()), doc))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(doc.select("p")).hasSize(2);
    }

    private interface Walker {
        void walk(NodeFilter filter);
    }

    /** Every head and tail call, with the node's path and depth. */
    private static List<String> visits(final Walker walker, final int seed) {
        final List<String> events = new ArrayList<>();
        walker.walk(new Answering(seed, events));
        return events;
    }

    /** A fixed answer per node and seed, so that both walks get the same answers; seed -1 asks to remove. */
    private static NodeFilter.FilterResult answer(final Node node, final int seed) {
        final int hash = Math.floorMod((path(node).hashCode() * 31) ^ (seed * 0x9E3779B9), 97);
        if (seed < 0) {
            return NodeFilter.FilterResult.REMOVE;
        }
        if (seed == 0) {
            return NodeFilter.FilterResult.CONTINUE;
        }
        if (hash == 0 && seed % 3 == 0) {
            return NodeFilter.FilterResult.STOP;
        }
        if (hash < 8) {
            return NodeFilter.FilterResult.SKIP_CHILDREN;
        }
        if (hash < 16) {
            return NodeFilter.FilterResult.SKIP_ENTIRELY;
        }
        return NodeFilter.FilterResult.CONTINUE;
    }

    private static String path(final Node node) {
        final StringBuilder path = new StringBuilder();
        for (Node at = node; at != null; at = at.parentNode()) {
            path.insert(0, "/" + at.nodeName() + "[" + at.siblingIndex() + "]");
        }
        return path.toString();
    }

    private record Answering(int seed, List<String> events) implements NodeFilter {
        @Override
        public FilterResult head(final Node node, final int depth) {
            events.add("head " + path(node) + " " + depth);
            return answer(node, seed);
        }

        @Override
        public FilterResult tail(final Node node, final int depth) {
            events.add("tail " + path(node) + " " + depth);
            // The tail may stop the walk as well, at other nodes than the head does.
            final int hash = Math.floorMod(path(node).hashCode() ^ seed, 53);
            return seed % 4 == 1 && hash == 0 ? FilterResult.STOP : FilterResult.CONTINUE;
        }
    }

    private static Stream<Path> fixturePages() throws URISyntaxException, IOException {
        final List<Path> pages = new ArrayList<>();
        for (final String folder : List.of("fixtures", "layouts")) {
            final Path dir = Path.of(TreeWalkTest.class.getResource(folder).toURI());
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.toString().endsWith(".html")).sorted().forEach(pages::add);
            }
        }
        assertThat(pages).hasSizeGreaterThanOrEqualTo(20);
        return pages.stream();
    }
}
