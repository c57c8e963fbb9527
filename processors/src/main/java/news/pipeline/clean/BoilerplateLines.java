package news.pipeline.clean;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * General rules for lines a reader skips: the interface words of news sites ("Share this",
 * "Advertisement", "Read more", "Subscribe…") and short labels that end a page without being a
 * sentence ("The Editor", "Popular stories"). Nothing here names a particular site.
 */
final class BoilerplateLines {
    /** Interface phrases that are never article text when they make up a short line on their own. */
    private static final Pattern UI_PHRASE = Pattern.compile(
            "(?iu)^[\\p{P}\\p{S}\\s]*(advertisement|advertising|sponsored( content)?|ad|"
                    + "read more|read the full (story|article)|continue reading|more from .{1,40}|"
                    + "share( this( article| story| page)?)?( on .{1,20})?|share via .{1,20}|tweet|email|print|"
                    + "(sign up|subscribe)( .{0,60})?|follow us( on .{1,30})?|"
                    + "related( articles| stories| content| topics| coverage| links)?|"
                    + "(most )?(popular|trending|recommended|latest)( stories| articles| news| now| posts)?|"
                    + "most (read|viewed|shared|commented|emailed)( stories| articles| today)?|"
                    + "you (may|might) also like|recommended for you|more stories|top stories|"
                    + "(leave|post|add|view|show|load|hide) (a |the |all )?comments?|comments?( \\(\\d+\\))?|"
                    + "skip to (main )?content|back to top|cookie (policy|settings)|accept( all)?( cookies)?|"
                    + "click here( to .{1,40})?|image( source)?|photo|video|watch|listen|"
                    + "explore( more| additional)? (categories|topics)|tags?|topics|categories|"
                    + "loading\\.*|close|menu|search|home|don'?t miss|must read|see also|more|next|previous|"
                    + "advertisement - (story )?continues below|story continues below( advertisement)?)[\\p{P}\\p{S}\\s]*$");
    /** Sentences that address the reader about the site rather than tell the story. */
    private static final Pattern UI_SENTENCE = Pattern.compile(
            "(?iu)\\b(sign up (for|to) (the|our)\\b.{0,80}\\bnewsletters?|subscribe to (the |our )?.{0,60}newsletters?|"
                    + "(delivered|straight) (to|in)(to)? your inbox|requires javascript|enable javascript|"
                    + "click here (to|for) (more|read|subscribe|sign|learn|see)|tell us what you think|"
                    + "^follow .{1,60} on (twitter|facebook|instagram)|follow (us|him|her|them) on (twitter|facebook|instagram)|"
                    + "have a (news )?tip\\?|share it with a friend|^(like|enjoy(ed)?) this (story|article)\\?|"
                    + "^if you (enjoyed|liked|value) (this|our) (article|story|journalism|reporting)|"
                    + "this (slideshow|video|content) (requires|is not available)|"
                    + "(get|download) (the|our) (free )?app\\b)");
    /** An interface sentence is one or two short sentences; a longer paragraph is the story quoting such words. */
    private static final int UI_SENTENCE_MAX_WORDS = 35;
    /** Longest paragraph tested for interface sentences at all; longer ones are prose. */
    private static final int UI_SENTENCE_MAX_CHARS = 400;
    /** Paragraphs of more words than this are never interface sentences, whatever they mention. */
    private static final int UI_PARAGRAPH_MAX_WORDS = 60;
    /** An interface phrase standing alone is a button or a heading: this short at most. */
    private static final int UI_PHRASE_MAX_CHARS = 90;

    /** A label is a few words ("Popular stories", "The Editor"); more is a sentence without its full stop. */
    private static final int SHORT_LINE_WORDS = 6;
    /** A label fits on one short line. */
    private static final int SHORT_LINE_CHARS = 60;

    /** A date line ("Updated at 1:23 p.m.") is short: at most this many characters. */
    private static final int DATELINE_MAX_CHARS = 80;
    /** A date line has at most this many words; longer, it is a sentence that starts with "Updated". */
    private static final int DATELINE_MAX_WORDS = 12;
    /** A byline names a few authors, maybe with a date: this many characters at most. */
    private static final int BYLINE_MAX_CHARS = 200;
    /** A byline has at most this many words; longer, it is a sentence that starts with "By". */
    private static final int BYLINE_MAX_WORDS = 25;
    /** An unrendered shortcode holds a button's or a box's text, never this much. */
    private static final int SHORTCODE_MAX_CHARS = 700;
    /** A menu or breadcrumb line is at most this long; longer lines with separators are prose or lists. */
    private static final int NAVIGATION_MAX_CHARS = 200;
    /** A menu needs at least two separators: one alone joins two parts of a headline. */
    private static final int NAVIGATION_MIN_SEPARATORS = 2;
    /** Menu items are at most a few words each ("Home | World | Middle East"). */
    private static final int NAVIGATION_WORDS_PER_ITEM = 4;
    /** An agency credit names a few reporters and editors; a longer paragraph is the story. */
    private static final int AGENCY_CREDIT_MAX_CHARS = 400;
    /** An agency credit has at most this many words, for the same reason. */
    private static final int AGENCY_CREDIT_MAX_WORDS = 60;

    private BoilerplateLines() {}

    /** A short line made only of an interface phrase. */
    static boolean isInterfacePhrase(final String line) {
        return line.length() <= UI_PHRASE_MAX_CHARS && UI_PHRASE.matcher(line).matches();
    }

    /**
     * A byline or dateline standing as its own paragraph: "By Ana Ruiz and Leo Park on Monday,
     * May 2, 2024 at 10:08 a.m." It starts with "By" and a name, and either is not a sentence or
     * carries a date or time.
     */
    private static final Pattern BYLINE = Pattern.compile("^(?:[Bb]y|BY)\\s+\\p{Lu}[\\p{L}.'’-]*(?:\\s|,|$).*");

    private static final Pattern DATE_OR_TIME = Pattern.compile(
            "(?i)\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?\\s+\\d{1,2}\\b|\\b\\d{1,2}:\\d{2}\\b|"
                    + "\\b[ap]\\.m\\.|\\b(19|20)\\d{2}\\b|\\b(updated|published|posted)\\b");

    /** The news agency's credit line: "(Reporting by ...; Editing by ...)", "... contributed to this report." */
    private static final Pattern AGENCY_CREDIT_START =
            Pattern.compile("(?iu)[(\\[]?\\s*((additional )?reporting|writing|compiled|editing|edited|written) by\\b");

    private static final Pattern AGENCY_CREDIT_END =
            Pattern.compile("(?iu)\\bcontributed( reporting)? to this (report|story|article)\\.?\\s*[)\\]]?$");

    static boolean isAgencyCredit(final String line) {
        // The start pattern is anchored (lookingAt), and the end pattern runs only on lines that can
        // match it: a case-insensitive pattern tried at every position of every paragraph would cost
        // more than the rest of the plain-text cleaner.
        return line.length() <= AGENCY_CREDIT_MAX_CHARS
                && (AGENCY_CREDIT_START.matcher(line).lookingAt()
                        || containsIgnoringCase(line, "contributed")
                                && AGENCY_CREDIT_END.matcher(line).find())
                && atMostWords(line, AGENCY_CREDIT_MAX_WORDS);
    }

    /**
     * Whether the line contains the word (lower-case ASCII letters) in any case, as
     * {@link String#regionMatches(boolean, int, String, int, int)} ignoring case would find it,
     * without a lower-cased copy of the line.
     */
    static boolean containsIgnoringCase(final String line, final String lowerWord) {
        final int length = lowerWord.length();
        for (int i = 0, last = line.length() - length; i <= last; i++) {
            int k = 0;
            while (k < length && sameLetterIgnoringCase(line.charAt(i + k), lowerWord.charAt(k))) {
                k++;
            }
            if (k == length) {
                return true;
            }
        }
        return false;
    }

    /** Whether the character is the lower-case ASCII letter in either case, as String's case-blind comparison has it. */
    private static boolean sameLetterIgnoringCase(final char c, final char lowerLetter) {
        if (c < 0x80) {
            return (c | 0x20) == lowerLetter;
        }
        // Outside ASCII a few characters fold to ASCII letters (the Kelvin sign to k, dotted I to i).
        final char upper = Character.toUpperCase(c);
        final char letterUpper = Character.toUpperCase(lowerLetter);
        return upper == letterUpper || Character.toLowerCase(upper) == Character.toLowerCase(letterUpper);
    }

    private static String lower(final String line) {
        return line.toLowerCase(Locale.ROOT);
    }

    static boolean hasDateOrTime(final String line) {
        return DATE_OR_TIME.matcher(line).find();
    }

    private static final Pattern DATELINE = Pattern.compile(
            "(?iu)^(last )?(updated|published|posted|modified|first published)\\b[\\s:]*(on |at )?.{0,60}$");

    /** "Updated at 1:23 p.m.", "Published: 12 May 2024 10:45 BST": a date line, short and with a date or time. */
    static boolean isDateline(final String line) {
        return line.length() <= DATELINE_MAX_CHARS
                && atMostWords(line, DATELINE_MAX_WORDS)
                && DATELINE.matcher(line).matches()
                && DATE_OR_TIME_VALUE.matcher(line).find();
    }

    private static final Pattern DATE_OR_TIME_VALUE = Pattern.compile(
            "(?i)\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?\\s+\\d{1,2}\\b|\\b\\d{1,2}\\s+"
                    + "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\\b\\d{1,2}[:.]\\d{2}\\b|\\b[ap]\\.?m\\b|"
                    + "\\b(19|20)\\d{2}\\b|\\d{1,2}/\\d{1,2}/\\d{2,4}|\\b(ago|yesterday|today)\\b");

    static boolean isByline(final String line) {
        if (line.length() > BYLINE_MAX_CHARS
                || !atMostWords(line, BYLINE_MAX_WORDS)
                || !BYLINE.matcher(line).matches()) {
            return false;
        }
        return !endsLikeSentence(line) || DATE_OR_TIME.matcher(line).find();
    }

    /** An unrendered CMS shortcode such as {@code [button link="..."]Send us your review[/button]}. */
    private static final Pattern SHORTCODE =
            Pattern.compile("^\\[[a-z_-]{2,30}(?:[\\s=][^\\]]{0,300})?\\].{0,300}\\[/[a-z_-]{2,30}\\]$");

    static boolean isShortcode(final String line) {
        return line.length() < SHORTCODE_MAX_CHARS && SHORTCODE.matcher(line).matches();
    }

    /** A menu or breadcrumb line: short items joined by two or more separators ("Home | World | Europe"). */
    static boolean isNavigation(final String line) {
        if (line.length() > NAVIGATION_MAX_CHARS) {
            return false;
        }
        final int separators = navigationSeparators(line);
        return separators >= NAVIGATION_MIN_SEPARATORS
                && atMostWords(line, NAVIGATION_WORDS_PER_ITEM * (separators + 1));
    }

    /**
     * Separators between menu items: one of | > » · / • or "::" with a space on each side. A
     * separator's trailing space cannot start the next one, as when a pattern's matches are
     * counted. A loop, not a pattern: it runs on every short paragraph.
     */
    static int navigationSeparators(final String line) {
        int separators = 0;
        final int n = line.length();
        int i = 0;
        while (i + 2 < n) {
            if (!isPatternSpace(line.charAt(i))) {
                i++;
                continue;
            }
            final char c = line.charAt(i + 1);
            final int width = c == '|' || c == '>' || c == '»' || c == '·' || c == '/' || c == '•'
                    ? 1
                    : c == ':' && line.charAt(i + 2) == ':' ? 2 : 0;
            if (width > 0 && i + 1 + width < n && isPatternSpace(line.charAt(i + 1 + width))) {
                separators++;
                i += 2 + width;
            } else {
                i++;
            }
        }
        return separators;
    }

    /** A regular expression's {@code \s} without the Unicode flag. */
    private static boolean isPatternSpace(final char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** A short paragraph that speaks to the reader about the site: newsletters, apps, JavaScript, tips. */
    static boolean isInterfaceSentence(final String line) {
        if (line.length() > UI_SENTENCE_MAX_CHARS) {
            return false;
        }
        final int words = wordsUpTo(line, UI_PARAGRAPH_MAX_WORDS);
        if (words > UI_PARAGRAPH_MAX_WORDS) {
            return false;
        }
        if (words <= UI_SENTENCE_MAX_WORDS
                && mayBeInterfaceSentence(lower(line))
                && UI_SENTENCE.matcher(line).find()) {
            return true;
        }
        // "Let us know at tips@example.org": the site asking for mail, not the story.
        return line.indexOf('@') >= 0
                && CONTACT_REQUEST.matcher(line).find()
                && EMAIL.matcher(line).find();
    }

    /**
     * Every alternative of UI_SENTENCE holds one of these: a cheap test before the pattern. They are
     * as long as the alternatives allow ("the app", not "app", which "happened" holds), so that the
     * pattern seldom runs on prose.
     */
    private static final String[] UI_SENTENCE_WORDS = {
        "newsletter",
        "inbox",
        "javascript",
        "click here",
        "tell us",
        "follow",
        "tip?",
        "share it",
        "this story?",
        "this article?",
        "if you",
        "this slideshow",
        "this video",
        "this content",
        "the app",
        "our app",
        "free app"
    };

    private static boolean mayBeInterfaceSentence(final String lowerLine) {
        for (final String word : UI_SENTENCE_WORDS) {
            if (lowerLine.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern CONTACT_REQUEST = Pattern.compile(
            "(?iu)\\b(let us know|e-?mail us|contact us|write to us|send us|reach us|here'?s our e-?mail|"
                    + "letters to the editor)\\b");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");

    /** A site's footer is a few lines: a longer text is not one, whatever it mentions. */
    private static final int FOOTER_MAX_WORDS = 80;
    /** Besides its notices and contact details a footer has at most a few words ("Page kept by the club."). */
    private static final int FOOTER_MAX_OTHER_WORDS = 24;
    /** A copyright notice, in the words and signs sites use for it. */
    private static final Pattern COPYRIGHT = Pattern.compile("(?iu)©|\\(c\\)\\s*\\d{4}|\\bcopyright\\s*(©|\\d{4})"
            + "|all rights reserved|todos los derechos reservados|tous droits réservés|alle rechte vorbehalten"
            + "|todos os direitos reservados|tutti i diritti riservati");
    /** A telephone or fax number after its label. */
    private static final Pattern PHONE =
            Pattern.compile("(?iu)\\b(tel|telephone|phone|fax|tél|call)\\b\\.?:?\\s*\\+?\\(?\\d[\\d ()./-]{5,}");
    /** A street address: a number and a street word. */
    private static final Pattern STREET = Pattern.compile("(?iu)\\b\\d{1,5},?\\s+(\\p{L}+\\s+){1,3}"
            + "(street|st|road|rd|avenue|ave|lane|square|boulevard|blvd|drive|way|place|quay)\\b");
    /** Where a sentence ends: a full stop, question or exclamation mark before a space. */
    private static final Pattern SENTENCE_BREAK = Pattern.compile("(?<=[.!?])\\s+");
    /** Two kinds of contact details (telephone, e-mail, street address) make a block of contact details. */
    private static final int MIN_CONTACT_KINDS = 2;

    private static final int PHONE_KIND = 1;
    private static final int EMAIL_KIND = 2;
    private static final int STREET_KIND = 4;

    /**
     * Whether the text is a page footer's: a copyright notice, or contact details of two kinds
     * (telephone, e-mail, street address), with hardly any other words. A story that ends with its
     * publisher's notice is not one: its own sentences outnumber the notice.
     */
    static boolean isFooterText(final String text) {
        return footerKinds(text, true) >= 0;
    }

    /** Whether the text is contact details of two kinds (telephone, e-mail, street address) and hardly anything else. */
    static boolean isContactDetails(final String text) {
        return footerKinds(text, false) >= 0;
    }

    /** Whether the text is a footer; the kinds are found in the whole text, the other words sentence by sentence. */
    private static int footerKinds(final String text, final boolean copyrightIsEnough) {
        if (!atMostWords(text, FOOTER_MAX_WORDS)) {
            return -1;
        }
        // Cheap tests on the lower-cased text first: most texts tested are prose, and the patterns cost more.
        final String lower = lower(text);
        final boolean copyright = copyrightIsEnough
                && mayHoldCopyright(lower)
                && COPYRIGHT.matcher(text).find();
        final int kinds = contactKinds(text, lower, !copyright);
        if (!(copyright || Integer.bitCount(kinds) >= MIN_CONTACT_KINDS)) {
            return -1;
        }
        int otherWords = 0;
        for (String sentence : SENTENCE_BREAK.split(text)) {
            final String lowerSentence = lower(sentence);
            if (!(mayHoldCopyright(lowerSentence) && COPYRIGHT.matcher(sentence).find())
                    && contactKinds(sentence, lowerSentence, false) == 0) {
                otherWords += wordCount(sentence);
            }
        }
        return otherWords <= FOOTER_MAX_OTHER_WORDS ? kinds : -1;
    }

    /** Every copyright notice holds "©", "(c)", "copyright" or a word for "reserved" (all hold "serv"). */
    private static boolean mayHoldCopyright(final String lower) {
        return lower.indexOf('©') >= 0
                || lower.contains("(c)")
                || lower.contains("copyright")
                || lower.contains("serv")
                || lower.contains("vorbehalten");
    }

    /**
     * The kinds of contact details in the text. With {@code twoOrNone}, a street address is looked
     * for only beside a telephone or an e-mail, since one kind alone makes no contact block.
     */
    private static int contactKinds(final String text, final String lower, final boolean twoOrNone) {
        int kinds = 0;
        if (text.indexOf('@') >= 0 && EMAIL.matcher(text).find()) {
            kinds |= EMAIL_KIND;
        }
        if (hasPhoneLabel(lower) && PHONE.matcher(text).find()) {
            kinds |= PHONE_KIND;
        }
        if ((kinds != 0 || !twoOrNone) && hasDigit(text) && STREET.matcher(text).find()) {
            kinds |= STREET_KIND;
        }
        return kinds;
    }

    private static boolean hasPhoneLabel(final String lower) {
        return lower.contains("tel") || lower.contains("phone") || lower.contains("fax") || lower.contains("call");
    }

    private static boolean hasDigit(final String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            final char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** A short line that is not a sentence: a label, a heading of a site's section, a signature. */
    static boolean isShortLabel(final String line) {
        return line.length() <= SHORT_LINE_CHARS && atMostWords(line, SHORT_LINE_WORDS) && !endsLikeSentence(line);
    }

    /** Paragraphs of more words than this that occur twice are copies (mobile and desktop layouts, teasers). */
    private static final int COPY_MIN_WORDS = 8;

    /**
     * Whether a second occurrence of this paragraph is a duplicate to remove. Short lines that
     * repeat, such as an interview's recurring question or a recipe's "Method", are the article's
     * structure and stay.
     */
    static boolean isCopyWhenRepeated(final String paragraph) {
        return !atMostWords(paragraph, COPY_MIN_WORDS);
    }

    static boolean endsLikeSentence(final String line) {
        for (int i = line.length() - 1; i >= 0; i--) {
            final char c = line.charAt(i);
            if (c == '.' || c == '!' || c == '?' || c == '…' || c == '。' || c == ':') {
                return true;
            }
            if (c == '"' || c == '\'' || c == '”' || c == '’' || c == '»' || c == ')' || c == ' ') {
                continue;
            }
            return false;
        }
        return false;
    }

    static int wordCount(final String line) {
        return wordsUpTo(line, Integer.MAX_VALUE);
    }

    /** Whether the line has at most {@code max} words; it stops counting past that. */
    static boolean atMostWords(final String line, final int max) {
        return wordsUpTo(line, max) <= max;
    }

    /**
     * The words of a line (runs of letters and digits), counted up to one past {@code max}: the
     * callers only compare with a limit, and paragraphs are long.
     */
    private static int wordsUpTo(final String line, final int max) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0, n = line.length(); i < n; i++) {
            final char c = line.charAt(i);
            final boolean letter = c < 0x80
                    ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' || c >= '0' && c <= '9'
                    : Character.isLetterOrDigit(c);
            if (letter && !inWord && ++words > max) {
                return words;
            }
            inWord = letter;
        }
        return words;
    }
}
