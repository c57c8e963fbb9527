package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import news.pipeline.streams.PipelineConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/**
 * The README's table of settings (section Configuration) says what the one definition,
 * {@link PipelineConfig#DEFINITION}, says: every setting a user may set, with its default, its
 * documentation and what is allowed; and no news.pipeline.* key the definition does not offer.
 */
class ReadmeSettingsTest {
    private static final Path README = Path.of("..", "README.md");

    @Test
    void theReadmeTableListsEverySettingOfTheDefinitionAsItIsDefined() throws IOException {
        final Map<String, List<String>> rows = settingsTable();

        for (final String name : PipelineConfig.settingNames()) {
            final ConfigDef.ConfigKey key =
                    PipelineConfig.DEFINITION.configKeys().get(name);
            assertThat(rows)
                    .as("the README's settings table has a row for %s", name)
                    .containsKey(name);
            final List<String> row = rows.get(name);
            final String defaultValue = ConfigDef.convertToString(key.defaultValue, key.type);
            assertThat(code(row.get(0)))
                    .as("default of %s (an empty one reads \"(none)\")", name)
                    .isEqualTo(defaultValue.isEmpty() ? "(none)" : defaultValue);
            assertThat(row.get(1))
                    .as("meaning of %s", name)
                    .isEqualTo(key.documentation + "; allowed: " + PipelineConfig.allowed(name));
        }
    }

    @Test
    void theReadmeTableHasNoPipelineKeyTheDefinitionDoesNotOffer() throws IOException {
        assertThat(settingsTable().keySet().stream().filter(name -> name.startsWith(PipelineConfig.PREFIX)))
                .as("news.pipeline.* rows of the README's settings table")
                .containsExactlyInAnyOrderElementsOf(PipelineConfig.settingNames());
    }

    /** The rows of the table under "## Configuration" headed setting | default | meaning: key to the other cells. */
    private static Map<String, List<String>> settingsTable() throws IOException {
        final List<String> lines = Files.readAllLines(README);
        final int section = lines.indexOf("## Configuration");
        assertThat(section).as("README has a Configuration section").isNotNegative();
        final int header = lines.subList(section, lines.size()).indexOf("| setting | default | meaning |") + section;
        assertThat(header)
                .as("the Configuration section has the settings table")
                .isGreaterThan(section);
        final Map<String, List<String>> rows = new LinkedHashMap<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            final List<String> cells = cells(lines.get(i));
            assertThat(cells).as("cells of %s", lines.get(i)).hasSize(3);
            final String key = code(cells.get(0));
            assertThat(rows).as("one row for %s", key).doesNotContainKey(key);
            rows.put(key, cells.subList(1, cells.size()));
        }
        return rows;
    }

    private static List<String> cells(final String line) {
        final List<String> cells = new ArrayList<>();
        for (final String cell : line.substring(1, line.length() - 1).split("\\|")) {
            cells.add(cell.trim());
        }
        return cells;
    }

    /** The first `code` span of a cell, or the cell when it has none. */
    private static String code(final String cell) {
        final int start = cell.indexOf('`');
        final int end = start < 0 ? -1 : cell.indexOf('`', start + 1);
        return end < 0 ? cell : cell.substring(start + 1, end);
    }
}
