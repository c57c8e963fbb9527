package news.pipeline.tag;

import java.util.List;

/** One gazetteer entry found at a place in the title or the text; the context rules may drop it. */
final class EntryMatch {
    final boolean inTitle;
    final int firstToken;
    final int lastToken;
    final int start;
    final int end;
    /** The entry read here; the context rules may switch it to another of the same surface ("Punjab"). */
    Gazetteer.Entry entry;
    /** Every entry of this surface that applied here, the chosen one first. */
    final Gazetteer.Entry[] readings;
    /** Found in a title written in capitals or title case, which gives no case clues. */
    final boolean titleCaps;

    boolean dropped;
    /** Why the context rules dropped the match: a constant, so that dropping costs no allocation. */
    RejectionReason rejection;

    boolean datelinePlace;
    boolean datelineRegion;

    EntryMatch(
            final boolean inTitle,
            final int firstToken,
            final int lastToken,
            final int start,
            final int end,
            final Gazetteer.Entry entry,
            final Gazetteer.Entry[] readings,
            final boolean titleCaps) {
        this.inTitle = inTitle;
        this.firstToken = firstToken;
        this.lastToken = lastToken;
        this.start = start;
        this.end = end;
        this.entry = entry;
        this.readings = readings;
        this.titleCaps = titleCaps;
    }

    /** Drops the match for the reason given; the first reason stays when several rules agree. */
    void drop(final RejectionReason reason) {
        if (!dropped) {
            dropped = true;
            rejection = reason;
        }
    }

    /** A country mention still standing: neither dropped, nor an organisation, nor a blocker. */
    boolean isLiveCountry() {
        return !dropped && !entry.org() && !entry.blocker();
    }

    /** The match's words, folded: how its other mentions in the article are recognised. */
    static String key(final EntryMatch match, final TokenizedText tokens) {
        return TokenizedText.fold(tokens.source, match.start, match.end);
    }

    /** Whether matches[k] exists, lies in the same part (title or text) and starts at the token. */
    static boolean startsMatch(final List<EntryMatch> matches, final int k, final boolean inTitle, final int token) {
        return k < matches.size() && matches.get(k).inTitle == inTitle && matches.get(k).firstToken == token;
    }
}
