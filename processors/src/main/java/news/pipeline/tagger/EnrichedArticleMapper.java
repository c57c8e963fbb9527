package news.pipeline.tagger;

import java.util.ArrayList;
import java.util.List;
import news.pipeline.schema.CleanArticle;
import news.pipeline.schema.CountryTag;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.schema.Mention;
import news.pipeline.schema.OrganizationTag;
import news.pipeline.schema.TextField;
import news.pipeline.tag.CountryTagger;
import news.pipeline.tag.CountryTagging;
import news.pipeline.tag.MentionSpan;
import news.pipeline.tag.OrganizationTagging;
import news.pipeline.tag.TaggedArticle;
import news.pipeline.tag.TaggingExplanation;

/** Maps a clean article through the tagger into an enriched article. No Kafka here. */
public final class EnrichedArticleMapper {
    private final CountryTagger tagger;

    public EnrichedArticleMapper(final CountryTagger tagger) {
        this.tagger = tagger;
    }

    public EnrichedArticle enrich(final CleanArticle clean) {
        return enrich(clean, null);
    }

    /**
     * As {@link #enrich(CleanArticle)}, recording in {@code explanation}, when not null, how the
     * tagger reached its countries and focus.
     */
    public EnrichedArticle enrich(final CleanArticle clean, final TaggingExplanation explanation) {
        final TaggedArticle tagged = tagger.tag(clean.getTitle(), clean.getText(), clean.getLanguage(), explanation);
        return EnrichedArticle.newBuilder()
                .setId(clean.getId())
                .setUrl(clean.getUrl())
                .setCanonicalUrl(clean.getCanonicalUrl())
                .setSource(clean.getSource())
                .setSiteName(clean.getSiteName())
                .setTitle(clean.getTitle())
                .setText(clean.getText())
                .setAuthor(clean.getAuthor())
                .setPublishedAt(clean.getPublishedAt())
                .setLanguage(clean.getLanguage())
                .setLanguageSource(clean.getLanguageSource())
                .setCountries(countryTags(tagged.countries()))
                .setFocus(List.copyOf(tagged.focus()))
                .setOrganizations(organizationTags(tagged.organizations()))
                .setCleanerVersion(clean.getCleanerVersion())
                .setTaggerVersion(CountryTagger.VERSION)
                .setGazetteerVersion(tagger.gazetteerVersion())
                .build();
    }

    private static List<CountryTag> countryTags(final List<CountryTagging> countries) {
        final List<CountryTag> tags = new ArrayList<>(countries.size());
        for (final CountryTagging country : countries) {
            final List<Mention> evidence = new ArrayList<>(country.spans().size());
            for (final MentionSpan span : country.spans()) {
                evidence.add(new Mention(
                        span.inTitle() ? TextField.TITLE : TextField.TEXT,
                        span.start(),
                        span.end(),
                        span.surface(),
                        span.kind()));
            }
            tags.add(new CountryTag(country.code(), country.name(), country.mentions(), country.salience(), evidence));
        }
        return tags;
    }

    private static List<OrganizationTag> organizationTags(final List<OrganizationTagging> organizations) {
        return organizations.stream()
                .map(org -> new OrganizationTag(org.code(), org.name(), org.mentions()))
                .toList();
    }
}
