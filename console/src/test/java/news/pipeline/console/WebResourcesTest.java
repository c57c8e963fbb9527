package news.pipeline.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebResourcesTest {

    @Test
    void theChartLibraryAndItsLicenceComeFromTheWebjarInTheJar() {
        assertThat(WebResources.vendored("chart.js")).hasValueSatisfying(resource -> {
            assertThat(resource.contentType()).startsWith("text/javascript");
            assertThat(new String(resource.bytes(), StandardCharsets.UTF_8)).contains("Chart");
        });
        assertThat(WebResources.vendored("chart.js.LICENSE.md"))
                .hasValueSatisfying(resource -> assertThat(new String(resource.bytes(), StandardCharsets.UTF_8))
                        .contains("MIT"));
    }

    @Test
    void theMapsLibrariesGeometryAndCountryCodesAreBundledWithTheirLicences() {
        for (final String name : List.of(
                "d3-array.js",
                "d3-geo.js",
                "topojson-client.js",
                "countries-110m.json",
                "iso-codes.json",
                "d3-array.LICENSE.txt",
                "d3-geo.LICENSE.txt",
                "topojson-client.LICENSE.txt",
                "world-atlas.LICENSE.txt",
                "i18n-iso-countries.LICENSE.txt")) {
            assertThat(WebResources.vendored(name)).as(name).isPresent();
        }
        assertThat(new String(
                        WebResources.vendored("iso-codes.json").orElseThrow().bytes(), StandardCharsets.UTF_8))
                .contains("[\"AM\", \"ARM\", \"051\"");
    }

    @Test
    void theConsoleServesItsOwnFilesAndNothingElseOfTheClassPath() {
        assertThat(WebResources.own("index.html")).isPresent();
        assertThat(WebResources.own("console.js")).isPresent();
        assertThat(WebResources.own("../Console.class")).isEmpty();
        assertThat(WebResources.own("/etc/passwd")).isEmpty();
        assertThat(WebResources.own("..%2fConsole.class")).isEmpty();
        assertThat(WebResources.vendored("../../../META-INF/MANIFEST.MF")).isEmpty();
    }
}
