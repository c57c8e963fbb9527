package news.pipeline.tag;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The gazetteer as a token trie: every surface form is cut into tokens by {@link Text}'s rules and
 * folded (lower case, no accents, no dots), so one walk over an article's tokens finds the
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

    /** What a surface form refers to. target: index into countries, or into organisations if org. */
    record Entry(String surface, char[] letters, int target, boolean org, boolean blocker, MentionKind kind,
                 int flags) {
        boolean has(final int flag) {
            return (flags & flag) != 0;
        }
    }

    final String version;
    final String[] countryCodes;
    final String[] countryNames;
    final String[] orgCodes;
    final String[] orgNames;

    /** Vocabulary: folded token -> id. */
    private final TokenTable vocabulary;
    /** Trie edges: (node << 32 | tokenId) -> child node. Node 0 is the root. */
    private final LongIntMap edges;
    /** Entries ending at a node, null when none. */
    private final Entry[][] payload;
    /** English first names, folded. */
    private final TokenTable firstNames;

    private Gazetteer(final String version, final String[] countryCodes, final String[] countryNames,
                      final String[] orgCodes, final String[] orgNames, final TokenTable vocabulary,
                      final LongIntMap edges, final Entry[][] payload, final TokenTable firstNames) {
        this.firstNames = firstNames;
        this.version = version;
        this.countryCodes = countryCodes;
        this.countryNames = countryNames;
        this.orgCodes = orgCodes;
        this.orgNames = orgNames;
        this.vocabulary = vocabulary;
        this.edges = edges;
        this.payload = payload;
    }

    int tokenId(final CharSequence text, final int start, final int end) {
        return vocabulary.find(text, start, end);
    }

    /** Whether text[start, end) is an English first name ("Jerry", "Jordan"). */
    boolean isFirstName(final CharSequence text, final int start, final int end) {
        return firstNames.find(text, start, end) >= 0;
    }

    /** Child of node by token id, or -1. */
    int child(final int node, final int tokenId) {
        return edges.get(((long) node << 32) | (tokenId & 0xffffffffL));
    }

    Entry[] entriesAt(final int node) {
        return payload[node];
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
            final String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "V" -> version = f[1];
                case "C" -> countries.put(f[1], f[2]);
                case "O" -> orgs.put(f[1], f[2]);
                case "E" -> rows.add(f);
                case "F" -> firstNames.intern(f[1]);
                default -> throw new IllegalArgumentException("bad gazetteer line: " + line);
            }
        }
        final String[] countryCodes = countries.keySet().toArray(String[]::new);
        final String[] countryNames = countries.values().toArray(String[]::new);
        final Map<String, Integer> countryIndex = index(countryCodes);
        final Map<String, String> orgSeen = new LinkedHashMap<>(orgs);
        for (String[] f : rows) {
            if (f[2].startsWith("@")) {
                orgSeen.putIfAbsent(f[2].substring(1), f[1]);
            }
        }
        final String[] orgCodes = orgSeen.keySet().toArray(String[]::new);
        final String[] orgNames = orgSeen.values().toArray(String[]::new);
        final Map<String, Integer> orgIndex = index(orgCodes);

        final TokenTable vocabulary = new TokenTable();
        final LongIntMap edges = new LongIntMap(rows.size() * 3);
        final List<List<Entry>> nodes = new ArrayList<>();
        nodes.add(null);
        for (String[] f : rows) {
            final String surface = f[1];
            final String target = f[2];
            final MentionKind kind = MentionKind.parse(f[3]);
            final int flags = flags(f.length > 4 ? f[4] : "");
            final Entry entry;
            if (target.equals("-")) {
                entry = new Entry(surface, letters(surface), -1, false, true, kind, flags);
            } else if (target.startsWith("@")) {
                entry = new Entry(surface, letters(surface), orgIndex.get(target.substring(1)), true, false, kind, flags);
            } else {
                final Integer c = countryIndex.get(target);
                if (c == null) {
                    throw new IllegalArgumentException("unknown country " + target + " for " + surface);
                }
                entry = new Entry(surface, letters(surface), c, false, false, kind, flags);
            }
            if (NUMBER_TOKEN.matcher(surface).find()) {
                // the tokenizer skips numbers, so "Sector 1" could only ever match as "Sector"
                continue;
            }
            int node = 0;
            final Text tokens = Text.tokenize(surface);
            if (tokens.size() == 0) {
                continue;
            }
            for (int t = 0; t < tokens.size(); t++) {
                final int id = vocabulary.intern(Text.fold(surface, tokens.start(t), tokens.end(t)));
                final long key = ((long) node << 32) | (id & 0xffffffffL);
                int next = edges.get(key);
                if (next < 0) {
                    next = nodes.size();
                    nodes.add(null);
                    edges.put(key, next);
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
        return new Gazetteer(version, countryCodes, countryNames, orgCodes, orgNames, vocabulary, edges, payload,
            firstNames);
    }

    private static Map<String, Integer> index(final String[] codes) {
        final Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < codes.length; i++) {
            m.put(codes[i], i);
        }
        return m;
    }

    private static int flags(final String column) {
        int flags = 0;
        for (String f : column.split(",")) {
            switch (f.trim()) {
                case "CS" -> flags |= CASE_EXACT;
                case "PREFIX" -> flags |= PREFIX;
                case "AMBIG" -> flags |= AMBIGUOUS;
                case "DATELINE" -> flags |= DATELINE_ONLY;
                case "REGION" -> flags |= REGION;
                case "" -> { }
                default -> throw new IllegalArgumentException("unknown gazetteer flag " + f);
            }
        }
        return flags;
    }

    /** The letters of a surface form, for exact-case comparison (U.S. and US both give "US"). */
    static char[] letters(final String s) {
        final StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetterOrDigit(s.charAt(i))) {
                b.append(s.charAt(i));
            }
        }
        return b.toString().toCharArray();
    }

    /** Open-addressing map from folded token text to id; lookups fold the text on the fly, no allocation. */
    static final class TokenTable {
        private String[] keys = new String[1 << 14];
        private int[] ids = new int[1 << 14];
        private int size;

        int intern(final String folded) {
            final int found = find(folded, 0, folded.length(), true);
            if (found >= 0) {
                return found;
            }
            if ((size + 1) * 2 > keys.length) {
                grow();
            }
            insert(folded, size);
            return size++;
        }

        int find(final CharSequence text, final int start, final int end) {
            return find(text, start, end, false);
        }

        private int find(final CharSequence text, final int start, final int end, final boolean alreadyFolded) {
            final int h = Text.foldedHash(text, start, end);
            final int mask = keys.length - 1;
            for (int i = h & mask; ; i = (i + 1) & mask) {
                final String k = keys[i];
                if (k == null) {
                    return -1;
                }
                if (Text.foldedEquals(text, start, end, k)) {
                    return ids[i];
                }
            }
        }

        private void insert(final String folded, final int id) {
            final int mask = keys.length - 1;
            int i = Text.foldedHash(folded, 0, folded.length()) & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = folded;
            ids[i] = id;
        }

        private void grow() {
            final String[] oldKeys = keys;
            final int[] oldIds = ids;
            keys = new String[oldKeys.length * 2];
            ids = new int[oldKeys.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != null) {
                    insert(oldKeys[i], oldIds[i]);
                }
            }
        }
    }

    /** Open-addressing long -> int map, -1 when absent. */
    static final class LongIntMap {
        private long[] keys;
        private int[] values;
        private boolean[] used;
        private int size;

        LongIntMap(final int expected) {
            int cap = 16;
            while (cap < expected * 2) {
                cap <<= 1;
            }
            keys = new long[cap];
            values = new int[cap];
            used = new boolean[cap];
        }

        int get(final long key) {
            final int mask = keys.length - 1;
            for (int i = mix(key) & mask; used[i]; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return values[i];
                }
            }
            return -1;
        }

        void put(final long key, final int value) {
            if ((size + 1) * 2 > keys.length) {
                final long[] ok = keys;
                final int[] ov = values;
                final boolean[] ou = used;
                keys = new long[ok.length * 2];
                values = new int[ok.length * 2];
                used = new boolean[ok.length * 2];
                size = 0;
                for (int i = 0; i < ok.length; i++) {
                    if (ou[i]) {
                        put(ok[i], ov[i]);
                    }
                }
            }
            final int mask = keys.length - 1;
            int i = mix(key) & mask;
            while (used[i] && keys[i] != key) {
                i = (i + 1) & mask;
            }
            if (!used[i]) {
                size++;
            }
            used[i] = true;
            keys[i] = key;
            values[i] = value;
        }

        private static int mix(final long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 29));
        }
    }
}
