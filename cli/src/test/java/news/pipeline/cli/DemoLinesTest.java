package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DemoLinesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anArticleIsOneLineWithItsTitleFocusAndNumberOfCountries() throws Exception {
        final JsonNode article = JSON.readTree("{\"title\":\"Talks in Yerevan\",\"focus\":[\"AM\",\"FR\"],"
                + "\"countries\":[{\"code\":\"AM\"},{\"code\":\"FR\"},{\"code\":\"US\"}]}");
        assertThat(DemoLines.article(article)).isEqualTo("Talks in Yerevan  [focus AM FR]  3 countries");
    }

    @Test
    void aTitleCannotBreakTheLineNorSendTerminalCodes() throws Exception {
        final JsonNode article = JSON.readTree(
                "{\"title\":\"Line one\\nline two \\u001b[2J\",\"focus\":[],\"countries\":[{\"code\":\"AM\"}]}");
        assertThat(DemoLines.article(article))
                .isEqualTo("Line one line two  [2J  [focus none]  1 country")
                .doesNotContain("\n", "\u001b");
    }

    @Test
    void aDeadLetterIsRedOnlyWhenTheTerminalTakesColour() throws Exception {
        final JsonNode letter = JSON.readTree("{\"reason\":\"MALFORMED_RECORD\",\"processor\":\"cleaner\","
                + "\"source_topic\":\"news.articles.raw\",\"source_partition\":2,\"source_offset\":7,"
                + "\"message\":\"not a raw article\"}");
        assertThat(DemoLines.deadLetter(letter, false))
                .isEqualTo("dead letter MALFORMED_RECORD from cleaner (news.articles.raw 2@7): not a raw article");
        assertThat(DemoLines.deadLetter(letter, true))
                .startsWith("\u001b[31mdead letter")
                .endsWith("\u001b[0m");
    }
}
