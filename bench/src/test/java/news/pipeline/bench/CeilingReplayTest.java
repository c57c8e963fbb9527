package news.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import news.pipeline.runtime.GeneratedNews;
import news.pipeline.runtime.StepChain;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CeilingReplayTest {
    private static final int PARTITIONS = 6;

    @TempDir
    Path dir;

    @Test
    void shouldReplayWhatTheProcessorsWriteAtEachHopForEveryPoolRecord() throws Exception {
        final List<BenchCorpus.Page> pages = BenchCorpus.generatedPages(6, 5);
        final List<TextArticles.Text> texts = new TextArticles(
                        GeneratedNews.stories(20, 5).stream()
                                .map(story -> new TextArticles.Story(story.title(), story.paragraphs()))
                                .toList(),
                        2048,
                        8192)
                .generate(20, 5);
        for (final Workload workload :
                List.of(BenchCorpus.htmlWorkload(pages, 10, Map.of()), BenchCorpus.textWorkload(texts, 10, Map.of()))) {
            final Path file = dir.resolve(workload.name());
            CeilingReplay.write(file, workload.values(), workload.hops());
            final CeilingReplay replay = CeilingReplay.read(file);
            int byCountry = 0;
            for (int i = 0; i < workload.values().size(); i++) {
                final StepChain.Hops hops = workload.hops().get(i);
                assertThat(hops.rejectedAt()).as(workload.name() + " " + i).isEqualTo(StepChain.Hops.NOT_REJECTED);
                assertThat(replay.outputs(StepChain.CLEAN, workload.values().get(i)))
                        .singleElement()
                        .satisfies(out -> assertThat(out.value()).isEqualTo(hops.clean()));
                assertThat(replay.outputs(StepChain.ENRICH, hops.clean()))
                        .singleElement()
                        .satisfies(out -> assertThat(out.value()).isEqualTo(hops.enriched()));
                final List<CeilingReplay.Output> views = replay.outputs(StepChain.FAN_OUT, hops.enriched());
                assertThat(views).hasSize(workload.fanOut(i));
                for (int v = 0; v < views.size(); v++) {
                    assertThat(views.get(v).value()).isEqualTo(hops.byCountry().get(v)[1]);
                    // On the partition of the pipeline's country-code key, though keyed by the article.
                    assertThat(replay.byCountryPartitioner()
                                    .partitions(
                                            "by-country",
                                            new byte[] {1},
                                            views.get(v).value(),
                                            PARTITIONS))
                            .contains(Set.of(BuiltInPartitioner.partitionForKey(
                                    hops.byCountry().get(v)[0], PARTITIONS)));
                }
                assertThat(replay.byCountryPartitioner().partitions("clean", new byte[] {1}, hops.clean(), PARTITIONS))
                        .as("other records are placed as usual")
                        .isEmpty();
                byCountry += views.size();
            }
            assertThat(byCountry).as("the stories name countries").isPositive();
        }
    }

    @Test
    void shouldSendARejectedRecordToTheDeadLettersAndNoFurther() throws Exception {
        final byte[] notAvro = "not a raw article at all".getBytes(StandardCharsets.UTF_8);
        final StepChain.Hops hops = new StepChain(Map.of()).run("t-1", notAvro);
        assertThat(hops.rejectedAt()).isEqualTo(StepChain.CLEAN);
        assertThat(hops.fanOut()).isEqualTo(Workload.DEAD_LETTER);
        final Path file = dir.resolve("rejected");
        CeilingReplay.write(file, List.of(notAvro), List.of(hops));
        assertThat(CeilingReplay.read(file).outputs(StepChain.CLEAN, notAvro))
                .singleElement()
                .satisfies(out -> {
                    assertThat(out.sink()).isEqualTo(CeilingReplay.DEAD_LETTER);
                    assertThat(out.value()).isEqualTo(notAvro);
                });
    }
}
