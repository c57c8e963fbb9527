package news.pipeline.tag;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The gazetteer as a token trie: every surface form is cut into tokens by {@link TokenizedText}'s
 * rules and folded (lower case, no accents, no dots), so one walk over an article's tokens finds the
 * longest entry starting at each token. Loaded once from the TSV that {@code gazetteer/generate.mjs}
 * writes; immutable afterwards.
 */
final class Gazetteer {
    static final String RESOURCE = "/news/pipeline/tag/gazetteer.tsv";

    private static final Pattern NUMBER_TOKEN = Pattern.compile("(^|[^\\p{L}\\p{N}])\\p{N}");

    /** Entry flags, from the TSV's flags column. */
    static final int CASE_EXACT = 1;

    static final int PREFIX = 2;
    static final int AMBIGUOUS = 4;
    static final int DATELINE_ONLY = 8;
    static final int REGION = 16;
    /** A name in one language only, counted only in articles in that language (Allemagne, Deutschland). */
    static final int LANG_ES = 32;

    static final int LANG_FR = 64;
    static final int LANG_DE = 128;
    static final int LANG_PT = 256;
    /** Every language flag: an entry without one is counted whatever the article's language. */
    static final int LANGUAGES = LANG_ES | LANG_FR | LANG_DE | LANG_PT;
    /**
     * Counted only as the whole place of a wire dateline: a city named like a common word
     * ("PROVIDENCE (Reuters) -"), which running text uses as the word.
     */
    static final int DATELINE_PLACE_ONLY = 512;
    /**
     * A first-level division of its country (a state, a province), as against a town that shares
     * its name ("Virginia": the US state, and a town in South Africa).
     */
    static final int DIVISION = 1024;

    private static final int[] NO_NAMESAKES = {};
    /** About one entry in four has a word after its first: the first size of the map of edges below the root. */
    private static final int INNER_EDGES_PER_ENTRY = 4;

    /**
     * What a surface form refers to. target: index into countries, or into organisations if org.
     * namesakes: countries with a town of the same name ("Paris", Texas), as country indices.
     * smallNamesakes: other countries with a place of the same name of any size, a town or a county
     * too small to be a namesake ("Malakoff", Texas; "Norfolk", England), as country indices.
     */
    record Entry(
            String surface,
            char[] letters,
            int target,
            boolean org,
            boolean blocker,
            MentionKind kind,
            int flags,
            int[] namesakes,
            int[] smallNamesakes) {
        boolean has(final int flag) {
            return (flags & flag) != 0;
        }

        boolean hasNamesake(final int country) {
            for (int namesake : namesakes) {
                if (namesake == country) {
                    return true;
                }
            }
            return false;
        }

        /** Whether a place of any size in the country bears the name: a namesake, or a smaller one. */
        boolean hasNamesakeOfAnySize(final int country) {
            if (hasNamesake(country)) {
                return true;
            }
            for (int namesake : smallNamesakes) {
                if (namesake == country) {
                    return true;
                }
            }
            return false;
        }
    }

    final String version;
    final String[] countryCodes;
    final String[] countryNames;
    final String[] orgCodes;
    final String[] orgNames;

    /** Vocabulary: folded token -> id. */
    private final TokenTable vocabulary;
    /**
     * Trie edges below the root: (node << 32 | tokenId) -> child node. Node 0 is the root, whose
     * edges, most of them, are in {@link #rootChildren}: kept out of this map, which is thus a
     * quarter the memory to keep in the CPU caches.
     */
    private final LongIntMap edges;
    /**
     * The root's children by token id, -1 for none: every walk starts at the root, and an array
     * indexed by id is one read where the edge map, too large for the fastest caches, takes a probe.
     */
    private final int[] rootChildren;
    /** Entries ending at a node, null when none. */
    private final Entry[][] payload;
    /** Whether a longer name goes on from a node: most names are one word, and their nodes are leaves. */
    private final boolean[] hasChildren;
    /** English first names, folded. */
    private final TokenTable firstNames;

    private Gazetteer(
            final String version,
            final String[] countryCodes,
            final String[] countryNames,
            final String[] orgCodes,
            final String[] orgNames,
            final TokenTable vocabulary,
            final LongIntMap rootEdges,
            final LongIntMap edges,
            final Entry[][] payload,
            final boolean[] hasChildren,
            final TokenTable firstNames) {
        this.firstNames = firstNames;
        this.version = version;
        this.countryCodes = countryCodes;
        this.countryNames = countryNames;
        this.orgCodes = orgCodes;
        this.orgNames = orgNames;
        this.vocabulary = vocabulary;
        this.edges = edges;
        this.rootChildren = new int[vocabulary.size()];
        for (int id = 0; id < rootChildren.length; id++) {
            rootChildren[id] = rootEdges.get(id & 0xffffffffL);
        }
        this.payload = payload;
        this.hasChildren = hasChildren;
    }

    /** The index of the country with this ISO code, or -1 when the gazetteer has none. */
    int countryIndex(final String code) {
        for (int i = 0; i < countryCodes.length; i++) {
            if (countryCodes[i].equals(code)) {
                return i;
            }
        }
        return -1;
    }

    /** The vocabulary id of text[start, end), folded, or -1 when no entry holds the word. */
    int tokenId(final CharSequence text, final int start, final int end) {
        return vocabulary.find(text, start, end);
    }

    /**
     * The vocabulary id of token t, or -1 when no entry holds the word. The token is hashed here,
     * not through {@link TokenizedText#foldedHash(int)}: the scanner asks each capitalised token
     * about once, and keeping every hash it takes costs more than the rules' later asks save.
     */
    int tokenId(final TokenizedText tokens, final int t) {
        return vocabulary.find(tokens.source, tokens.start(t), tokens.end(t));
    }

    /** Whether text[start, end) is an English first name ("Jerry", "Jordan"). */
    boolean isFirstName(final CharSequence text, final int start, final int end) {
        return firstNames.find(text, start, end) >= 0;
    }

    /** Whether token t is an English first name ("Jerry", "Jordan"). */
    boolean isFirstName(final TokenizedText tokens, final int t) {
        return firstNames.find(tokens.foldedHash(t), tokens.source, tokens.start(t), tokens.end(t)) >= 0;
    }

    /** Child of node by token id, or -1. */
    int child(final int node, final int tokenId) {
        if (node == 0 && tokenId >= 0) {
            return rootChildren[tokenId];
        }
        return edges.get(((long) node << 32) | (tokenId & 0xffffffffL));
    }

    Entry[] entriesAt(final int node) {
        return payload[node];
    }

    /** Whether any entry has more tokens after those that lead to node. */
    boolean hasChildren(final int node) {
        return hasChildren[node];
    }

    static Gazetteer loadResource() {
        try (InputStream in = Gazetteer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("gazetteer resource missing: " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read gazetteer " + RESOURCE, e);
        }
    }

    static Gazetteer parse(final BufferedReader reader) throws IOException {
        String version = "unknown";
        final Map<String, String> countries = new LinkedHashMap<>();
        final Map<String, String> orgs = new LinkedHashMap<>();
        final List<String[]> rows = new ArrayList<>();
        final TokenTable firstNames = new TokenTable();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            final String[] columns = line.split("\t", -1);
            switch (columns[0]) {
                case "V" -> version = columns[1];
                case "C" -> countries.put(columns[1], columns[2]);
                case "O" -> orgs.put(columns[1], columns[2]);
                case "E" -> rows.add(columns);
                case "F" -> firstNames.intern(columns[1]);
                default -> throw new IllegalArgumentException("bad gazetteer line: " + line);
            }
        }
        final String[] countryCodes = countries.keySet().toArray(String[]::new);
        final String[] countryNames = countries.values().toArray(String[]::new);
        final Map<String, Integer> countryIndex = index(countryCodes);
        final Map<String, String> orgSeen = new LinkedHashMap<>(orgs);
        for (String[] row : rows) {
            if (row[2].startsWith("@")) {
                orgSeen.putIfAbsent(row[2].substring(1), row[1]);
            }
        }
        final String[] orgCodes = orgSeen.keySet().toArray(String[]::new);
        final String[] orgNames = orgSeen.values().toArray(String[]::new);
        final Map<String, Integer> orgIndex = index(orgCodes);

        final TokenTable vocabulary = new TokenTable();
        // the root's edges, about one per entry, since entries share their first words ("New York",
        // "New Jersey"), and the edges below it, far fewer (most names are one word); each map grows
        // past that if needed: a table no larger than it must be stays in the CPU caches
        final LongIntMap rootEdges = new LongIntMap(rows.size());
        final LongIntMap edges = new LongIntMap(rows.size() / INNER_EDGES_PER_ENTRY);
        final List<List<Entry>> nodes = new ArrayList<>();
        nodes.add(null);
        final BitSet parents = new BitSet();
        for (String[] row : rows) {
            final String surface = row[1];
            final String target = row[2];
            final MentionKind kind = MentionKind.parse(row[3]);
            final int flags = flags(row.length > 4 ? row[4] : "");
            final Entry entry;
            if (target.equals("-")) {
                entry = new Entry(surface, letters(surface), -1, false, true, kind, flags, NO_NAMESAKES, NO_NAMESAKES);
            } else if (target.startsWith("@")) {
                entry = new Entry(
                        surface,
                        letters(surface),
                        orgIndex.get(target.substring(1)),
                        true,
                        false,
                        kind,
                        flags,
                        NO_NAMESAKES,
                        NO_NAMESAKES);
            } else {
                final Integer country = countryIndex.get(target);
                if (country == null) {
                    throw new IllegalArgumentException("unknown country " + target + " for " + surface);
                }
                final int[] namesakes = row.length > 5 ? countries(row[5], countryIndex, surface) : NO_NAMESAKES;
                final int[] small = row.length > 6 ? countries(row[6], countryIndex, surface) : NO_NAMESAKES;
                entry = new Entry(surface, letters(surface), country, false, false, kind, flags, namesakes, small);
            }
            if (NUMBER_TOKEN.matcher(surface).find()) {
                // the tokenizer skips numbers, so "Sector 1" could only ever match as "Sector"
                continue;
            }
            int node = 0;
            final TokenizedText tokens = TokenizedText.tokenize(surface);
            if (tokens.size() == 0) {
                continue;
            }
            for (int t = 0; t < tokens.size(); t++) {
                final int id = vocabulary.intern(TokenizedText.fold(surface, tokens.start(t), tokens.end(t)));
                final long key = ((long) node << 32) | (id & 0xffffffffL);
                final LongIntMap from = node == 0 ? rootEdges : edges;
                int next = from.get(key);
                if (next < 0) {
                    next = nodes.size();
                    nodes.add(null);
                    from.put(key, next);
                    parents.set(node);
                }
                node = next;
            }
            List<Entry> list = nodes.get(node);
            if (list == null) {
                list = new ArrayList<>(1);
                nodes.set(node, list);
            }
            list.add(entry);
        }
        final Entry[][] payload = new Entry[nodes.size()][];
        for (int i = 0; i < payload.length; i++) {
            final List<Entry> list = nodes.get(i);
            payload[i] = list == null ? null : list.toArray(Entry[]::new);
        }
        final boolean[] hasChildren = new boolean[nodes.size()];
        for (int i = 0; i < hasChildren.length; i++) {
            hasChildren[i] = parents.get(i);
        }
        return new Gazetteer(
                version,
                countryCodes,
                countryNames,
                orgCodes,
                orgNames,
                vocabulary,
                rootEdges,
                edges,
                payload,
                hasChildren,
                firstNames);
    }

    private static Map<String, Integer> index(final String[] codes) {
        final Map<String, Integer> indexByCode = new HashMap<>();
        for (int i = 0; i < codes.length; i++) {
            indexByCode.put(codes[i], i);
        }
        return indexByCode;
    }

    private static int[] countries(final String column, final Map<String, Integer> countryIndex, final String surface) {
        if (column.isEmpty()) {
            return NO_NAMESAKES;
        }
        final String[] codes = column.split(",");
        final int[] indices = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            final Integer country = countryIndex.get(codes[i].trim());
            if (country == null) {
                throw new IllegalArgumentException("unknown namesake country " + codes[i] + " for " + surface);
            }
            indices[i] = country;
        }
        return indices;
    }

    /**
     * The language flag of an article's BCP 47 language tag ("fr", "pt-BR"), or 0 for a language
     * with no names of its own here, or none: then only the entries for every language count.
     */
    static int languageFlag(final String languageTag) {
        if (languageTag == null || languageTag.length() < 2) {
            return 0;
        }
        final int dash = languageTag.indexOf('-');
        final String primary = (dash < 0 ? languageTag : languageTag.substring(0, dash)).toLowerCase(Locale.ROOT);
        return switch (primary) {
            case "es" -> LANG_ES;
            case "fr" -> LANG_FR;
            case "de" -> LANG_DE;
            case "pt" -> LANG_PT;
            default -> 0;
        };
    }

    private static int flags(final String column) {
        int flags = 0;
        for (String flag : column.split(",")) {
            switch (flag.trim()) {
                case "CS" -> flags |= CASE_EXACT;
                case "PREFIX" -> flags |= PREFIX;
                case "AMBIG" -> flags |= AMBIGUOUS;
                case "DATELINE" -> flags |= DATELINE_ONLY;
                case "REGION" -> flags |= REGION;
                case "LANG_ES" -> flags |= LANG_ES;
                case "LANG_FR" -> flags |= LANG_FR;
                case "LANG_DE" -> flags |= LANG_DE;
                case "LANG_PT" -> flags |= LANG_PT;
                case "DATELINE_PLACE" -> flags |= DATELINE_PLACE_ONLY;
                case "DIVISION" -> flags |= DIVISION;
                case "" -> {}
                default -> throw new IllegalArgumentException("unknown gazetteer flag " + flag);
            }
        }
        return flags;
    }

    /** The letters of a surface form, for exact-case comparison (U.S. and US both give "US"). */
    static char[] letters(final String surface) {
        final StringBuilder letters = new StringBuilder(surface.length());
        for (int i = 0; i < surface.length(); i++) {
            if (Character.isLetterOrDigit(surface.charAt(i))) {
                letters.append(surface.charAt(i));
            }
        }
        return letters.toString().toCharArray();
    }
}
