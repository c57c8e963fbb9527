package news.pipeline.clean;

import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Set;

/**
 * Recognises an article's language from its text, for articles whose page and feed declare none.
 * Optimaize's language-detector (character n-gram profiles of 71 languages, Wikipedia-trained,
 * Apache 2.0): its profiles take some 60 MB of heap and a few seconds to load, so they load on the
 * first article that needs them, and a process whose pages all declare their language never loads
 * them. It answers only when one language clearly wins: a short or mixed text gets no language
 * rather than a guess. Deterministic and thread-safe.
 *
 * <p>Most articles are in English, and the library's answer costs about 0.2 ms of CPU whatever the
 * sample's length (it samples n-grams at random over several trials until its estimate settles,
 * against all 71 profiles), which made it the largest single cost of the text pipeline. So an
 * English text that says so plainly is answered first, by counting English function words; like
 * Lingua's filter on letters before its models, that pre-step only decides what is beyond doubt and
 * hands everything else to the statistical model.
 */
public final class LanguageDetection {
    /**
     * Characters read from the start of the title and text: a headline and a paragraph tell a
     * language, and the cost grows with the length (about 1 ms for 3 KB). At 1,000 characters the
     * detection took half again the cleaner's CPU on pages that declare no language, and slowed the
     * whole pipeline on text articles without one; 400 keep it to a fraction of that.
     */
    static final int SAMPLE_CHARS = 400;
    /** Fewer letters than this tell no language reliably (a caption, a table of figures). */
    static final int MIN_LETTERS = 40;
    /**
     * Words that are frequent in any English prose and are not words of another language written in
     * Latin letters: "to", "for", "are", "in", "on" and "was" are left out because they are common
     * words in Polish or Czech, Norwegian or Danish, Romanian, Dutch or German, and French.
     */
    private static final Set<String> ENGLISH_FUNCTION_WORDS = Set.of(
            "the", "and", "that", "with", "said", "from", "have", "has", "were", "its", "this", "which", "been",
            "would", "than", "after", "of");
    /**
     * Words needed before the function words' share means anything. English news prose has 15-25% of
     * them (one in ten at the 15th percentile of the Reuters and news-page sets measured); text in
     * other languages has close to none, and a list or a table of names has too few words.
     */
    static final int MIN_WORDS_FOR_ENGLISH = 20;

    private static volatile boolean profilesLoaded;

    private LanguageDetection() {}

    /**
     * Loads the profiles now rather than on the first article that needs them: for a process about
     * to start, which would rather pay the seconds before its first records than in the middle of them.
     */
    public static void load() {
        Objects.requireNonNull(Holder.DETECTOR);
    }

    /** Whether the profiles are in memory (by {@link #load()} or an article that needed them). */
    public static boolean profilesLoaded() {
        return profilesLoaded;
    }

    private static final class Holder {
        static final LanguageDetector DETECTOR = build();
        static final TextObjectFactory TEXT = CommonTextObjectFactories.forDetectingOnLargeText();

        private static LanguageDetector build() {
            try {
                final LanguageDetector detector = LanguageDetectorBuilder.create(NgramExtractors.standard())
                        .withProfiles(new LanguageProfileReader().readAllBuiltIn())
                        .build();
                profilesLoaded = true;
                return detector;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the language profiles", e);
            }
        }
    }

    /**
     * The language of a title and text as a BCP 47 tag ("en", "pt", "zh-TW"), or null when the text
     * is too short or no language clearly wins.
     */
    public static String detect(final String title, final String text) {
        final StringBuilder sample = new StringBuilder(SAMPLE_CHARS);
        append(sample, title);
        sample.append('\n');
        append(sample, text);
        int letters = 0;
        for (int i = 0; i < sample.length() && letters < MIN_LETTERS; i++) {
            if (Character.isLetter(sample.charAt(i))) {
                letters++;
            }
        }
        if (letters < MIN_LETTERS) {
            return null;
        }
        if (plainlyEnglish(sample)) {
            return "en";
        }
        return Holder.DETECTOR
                .detect(Holder.TEXT.forText(sample))
                .transform(LdLocale::toString)
                .orNull();
    }

    /**
     * Whether at least one word in ten of a text of twenty words or more is an English function word.
     */
    static boolean plainlyEnglish(final CharSequence text) {
        int words = 0;
        int functionWords = 0;
        final StringBuilder word = new StringBuilder(16);
        for (int i = 0, n = text.length(); i <= n; i++) {
            final char c = i < n ? text.charAt(i) : ' ';
            if (Character.isLetter(c)) {
                word.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
                continue;
            }
            if (word.length() > 0) {
                words++;
                // No function word is longer than five letters: the rest need no lookup.
                if (word.length() <= 5 && ENGLISH_FUNCTION_WORDS.contains(word.toString())) {
                    functionWords++;
                }
                word.setLength(0);
            }
        }
        return words >= MIN_WORDS_FOR_ENGLISH && functionWords * 10 >= words;
    }

    private static void append(final StringBuilder sample, final String part) {
        if (part != null) {
            sample.append(part, 0, Math.min(part.length(), SAMPLE_CHARS - sample.length()));
        }
    }
}
