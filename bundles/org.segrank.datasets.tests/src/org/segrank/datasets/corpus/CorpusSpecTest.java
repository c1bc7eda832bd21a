package org.segrank.datasets.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class CorpusSpecTest {

    @Test
    void defaultsFollowThePaper() {
        CorpusSpec spec = CorpusSpec.defaults();
        assertEquals(449, spec.classificationImages());
        assertEquals(250, spec.candidateImages());
        assertEquals(275, spec.queryImages());
        assertEquals(24, spec.fineTuningImagesPerRegime());
        assertEquals(512, spec.width());
        assertEquals(512, spec.height());
        assertEquals(449 + 250 + 275 + 39 * 24, spec.totalImages());
        CorpusSpec quick = CorpusSpec.quick();
        assertEquals(List.of(50, 40, 40, 6, 256, 256), List.of(quick.classificationImages(), quick.candidateImages(),
                quick.queryImages(), quick.fineTuningImagesPerRegime(), quick.width(), quick.height()));
    }

    @Test
    void entriesHaveTheSplitCountsUniqueNamesAndBalancedClasses() {
        List<CorpusEntry> entries = CorpusSpec.defaults().entries();
        assertEquals(1910, entries.size());
        assertEquals(1910, entries.stream().map(CorpusEntry::name).collect(Collectors.toSet()).size());
        assertEquals(1910, entries.stream().map(CorpusEntry::seed).collect(Collectors.toSet()).size());
        Map<CorpusSplit, Long> perSplit = entries.stream()
                .collect(Collectors.groupingBy(CorpusEntry::split, () -> new EnumMap<>(CorpusSplit.class),
                        Collectors.counting()));
        assertEquals(Map.of(CorpusSplit.CLASSIFICATION_TRAIN, 449L, CorpusSplit.CANDIDATE, 250L, CorpusSplit.QUERY, 275L,
                CorpusSplit.FINE_TUNING, 936L), perSplit);

        Map<ParticleKind, Long> perClass = entries.stream()
                .filter(entry -> entry.split() == CorpusSplit.CLASSIFICATION_TRAIN)
                .collect(Collectors.groupingBy(CorpusEntry::kind, () -> new EnumMap<>(ParticleKind.class),
                        Collectors.counting()));
        assertEquals(List.of(90L, 90L, 90L, 90L, 89L), List.copyOf(perClass.values()));
    }

    @Test
    void candidatesAndQueriesMixAll39RegimesEvenly() {
        List<CorpusEntry> entries = CorpusSpec.defaults().entries();
        for (CorpusSplit split : List.of(CorpusSplit.CANDIDATE, CorpusSplit.QUERY)) {
            Map<Regime, Integer> counts = new HashMap<>();
            entries.stream().filter(entry -> entry.split() == split)
                    .forEach(entry -> counts.merge(entry.regime(), 1, Integer::sum));
            assertEquals(new HashSet<>(Regime.fineTuningRegimes()), counts.keySet(), split.toString());
            int total = split == CorpusSplit.CANDIDATE ? 250 : 275;
            for (int count : counts.values()) {
                assertTrue(count == total / 39 || count == total / 39 + 1, split + " regime count " + count);
            }
        }
    }

    @Test
    void classificationAndFineTuningEntriesUseFittingRegimes() {
        for (CorpusEntry entry : CorpusSpec.defaults().entries()) {
            assertTrue(Regime.fineTuningRegimes().contains(entry.regime()), entry.name());
            switch (entry.split()) {
                case CLASSIFICATION_TRAIN -> assertTrue(entry.name().startsWith("classification-"));
                case CANDIDATE -> assertEquals("candidate", entry.splitLabel());
                case QUERY -> assertEquals("query", entry.splitLabel());
                case FINE_TUNING -> {
                    assertEquals("finetune:" + entry.regime().name(), entry.splitLabel());
                    assertTrue(entry.name().startsWith("finetune-" + entry.regime().name() + "-"), entry.name());
                }
            }
            assertEquals("images/" + entry.name() + ".png", entry.imageFile());
            assertEquals("labels/" + entry.name() + ".png", entry.labelFile());
        }
    }

    @Test
    void planIsDeterministicPrefixStableAndDependsOnTheMasterSeed() {
        List<CorpusEntry> full = CorpusSpec.defaults().entries();
        assertEquals(full, CorpusSpec.defaults().entries());
        List<CorpusEntry> quick = CorpusSpec.quick().entries();
        List<CorpusEntry> fullCandidates = full.stream().filter(e -> e.split() == CorpusSplit.CANDIDATE).toList();
        List<CorpusEntry> quickCandidates = quick.stream().filter(e -> e.split() == CorpusSplit.CANDIDATE).toList();
        assertEquals(fullCandidates.subList(0, 40), quickCandidates);
        assertEquals(full.subList(0, 50), quick.subList(0, 50));

        List<CorpusEntry> reseeded = CorpusSpec.defaults().withMasterSeed(7).entries();
        assertNotEquals(full.get(0).seed(), reseeded.get(0).seed());
        assertNotEquals(fullCandidates.stream().map(CorpusEntry::regime).toList(),
                reseeded.stream().filter(e -> e.split() == CorpusSplit.CANDIDATE).map(CorpusEntry::regime).toList());
    }

    @Test
    void rejectsInvalidSpecs() {
        assertThrows(IllegalArgumentException.class, () -> CorpusSpec.quick().withQueryImages(-1));
        assertThrows(IllegalArgumentException.class, () -> CorpusSpec.quick().withImageSize(8, 256));
        assertThrows(IllegalArgumentException.class, () -> CorpusSpec.quick().withFineTuningImagesPerRegime(-2));
        assertEquals(39 * 3, CorpusSpec.quick().withClassificationImages(0).withCandidateImages(0).withQueryImages(0)
                .withFineTuningImagesPerRegime(3).totalImages());
    }
}
