package news.pipeline.clean;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * The schema.org article a page describes in its JSON-LD blocks ({@code <script type=application/ld+json>}):
 * found inside {@code @graph}, {@code mainEntity} and arrays, read leniently and within bounds, since
 * broken and hostile JSON-LD are both common.
 */
final class JsonLd {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();
    /** Real JSON-LD nests a few levels; deeper is a hostile page, refused before it costs stack. */
    private static final int MAX_JSON_NESTING = 200;
    /** Longest JSON-LD block, and JSON string, read: real ones, an article body included, are far shorter. */
    private static final int MAX_JSON_LD_CHARS = 1_000_000;

    static {
        JSON.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_JSON_NESTING)
                        .maxStringLength(MAX_JSON_LD_CHARS)
                        .build());
    }

    /** JSON-LD blocks read per page; a page has one to a few, more are widgets. */
    private static final int MAX_JSON_LD_BLOCKS = 20;
    /** How deep the article object is looked for in a block (@graph, mainEntity, arrays). */
    private static final int MAX_ARTICLE_DEPTH = 4;
    /** Authors kept from JSON-LD: enough for any byline, bounded for pages that list a whole staff. */
    private static final int MAX_AUTHORS = 10;

    /** schema.org types that describe an article: Article and its subtypes, matched by name ending. */
    private static final Pattern ARTICLE_TYPE =
            Pattern.compile("(?i).*(Article|BlogPosting|Report|NewsArticle|LiveBlogPosting|Posting)$");

    private JsonLd() {}

    /** The first article object (Article, NewsArticle, BlogPosting...) of the page's JSON-LD blocks, or null. */
    static JsonNode article(final List<Element> scripts) {
        int blocks = 0;
        for (Element script : scripts) {
            if (++blocks > MAX_JSON_LD_BLOCKS) {
                break;
            }
            final String json = scriptData(script);
            if (json.length() > MAX_JSON_LD_CHARS || json.isBlank() || !mayNameAnArticleType(json)) {
                continue;
            }
            try {
                final JsonNode found = findArticle(JSON.readTree(json), 0);
                if (found != null) {
                    return found;
                }
            } catch (Exception | StackOverflowError e) {
                // Broken JSON-LD is common and says nothing about the article: ignore it.
            }
        }
        return null;
    }

    /**
     * Whether the block can hold an article type at all: every name {@link #ARTICLE_TYPE} takes
     * holds "article", "posting" or "report" in some ASCII case, unless it is written with JSON
     * escapes. Pages have blocks for their site, logo and breadcrumbs beside the article's; this
     * search, in the JDK's fast {@code indexOf}, costs less than parsing them.
     */
    static boolean mayNameAnArticleType(final String json) {
        if (json.contains("\\u")) {
            return true;
        }
        final String lower = json.toLowerCase(Locale.ROOT);
        return lower.contains("article") || lower.contains("posting") || lower.contains("report");
    }

    private static String scriptData(final Element script) {
        final StringBuilder json = new StringBuilder();
        for (Node child : script.childNodes()) {
            if (child instanceof DataNode data) {
                json.append(data.getWholeData());
            }
        }
        return json.toString();
    }

    private static JsonNode findArticle(final JsonNode node, final int depth) {
        if (node == null || depth > MAX_ARTICLE_DEPTH) {
            return null;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                final JsonNode found = findArticle(item, depth + 1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (!node.isObject()) {
            return null;
        }
        final JsonNode type = node.get("@type");
        if (type != null) {
            if (type.isTextual() && ARTICLE_TYPE.matcher(type.asText()).matches()) {
                return node;
            }
            if (type.isArray()) {
                for (JsonNode typeName : type) {
                    if (typeName.isTextual()
                            && ARTICLE_TYPE.matcher(typeName.asText()).matches()) {
                        return node;
                    }
                }
            }
        }
        final JsonNode graph = node.get("@graph");
        if (graph != null) {
            final JsonNode found = findArticle(graph, depth + 1);
            if (found != null) {
                return found;
            }
        }
        final JsonNode mainEntity = node.get("mainEntity");
        return mainEntity == null ? null : findArticle(mainEntity, depth + 1);
    }

    /** The text of a key of the article as written, line breaks kept; null when absent or not text. */
    static String rawText(final JsonNode node, final String key) {
        final JsonNode value = node == null || !node.isObject() ? null : node.get(key);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** The text at a path of keys (first element of any array on the way), cleaned; null when absent. */
    static String text(final JsonNode node, final String... path) {
        JsonNode current = node;
        for (String key : path) {
            if (current == null) {
                return null;
            }
            if (current.isArray()) {
                current = current.size() > 0 ? current.get(0) : null;
                if (current == null) {
                    return null;
                }
            }
            current = current.get(key);
        }
        if (current != null && current.isArray()) {
            current = current.size() > 0 ? current.get(0) : null;
        }
        return current != null && current.isValueNode() ? HtmlMetadata.clean(current.asText()) : null;
    }

    /** The article's authors' names, comma-separated, without URLs or a leading "By"; null when none. */
    static String author(final JsonNode article) {
        if (article == null) {
            return null;
        }
        final JsonNode author = article.get("author");
        if (author == null) {
            return null;
        }
        final List<String> names = new ArrayList<>();
        final Iterable<JsonNode> items = author.isArray() ? author : List.of(author);
        for (JsonNode item : items) {
            final String name = item.isTextual()
                    ? item.asText()
                    : item.isObject() && item.get("name") != null
                            ? item.get("name").asText()
                            : null;
            final String cleaned = HtmlMetadata.authorName(name);
            if (cleaned != null && !names.contains(cleaned)) {
                names.add(cleaned);
            }
            if (names.size() >= MAX_AUTHORS) {
                break;
            }
        }
        return names.isEmpty() ? null : String.join(", ", names);
    }
}
