package org.segrank.datasets.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class RegimeTest {

    private static final Pattern NAME = Pattern.compile(
            "(bread|hair|minerals|round|square)-(small|large)-(sparse|dense)(-(blurred|noisy|low-contrast|inverted))?");

    @Test
    void thereAreExactly39DistinctFineTuningRegimesWithUniqueWellFormedNames() {
        List<Regime> regimes = Regime.fineTuningRegimes();
        assertEquals(39, regimes.size());
        assertEquals(39, new HashSet<>(regimes).size());
        Set<String> names = new HashSet<>();
        for (Regime regime : regimes) {
            assertTrue(NAME.matcher(regime.name()).matches(), regime.name());
            names.add(regime.name());
        }
        assertEquals(39, names.size());
    }

    @Test
    void namesAndOrderArePinnedBecauseModelsOfTheZooAreNamedAfterThem() {
        List<Regime> regimes = Regime.fineTuningRegimes();
        assertEquals("bread-small-sparse", regimes.get(0).name());
        assertEquals("square-large-dense", regimes.get(19).name());
        assertEquals("bread-small-sparse-blurred", regimes.get(20).name());
        assertEquals("bread-small-dense-noisy", regimes.get(21).name());
        assertEquals("bread-large-sparse-low-contrast", regimes.get(22).name());
        assertEquals("hair-small-dense-blurred", regimes.get(23).name());
        assertEquals("round-large-dense-blurred", regimes.get(31).name());
        assertEquals("square-large-dense-inverted", regimes.get(38).name());
    }

    @Test
    void standardRegimesCoverEveryKindSizeAndDensityAndEachKindHasItsVariants() {
        List<Regime> standard = Regime.fineTuningRegimes().stream()
                .filter(regime -> regime.style() == ImagingStyle.STANDARD).toList();
        assertEquals(20, standard.size());
        Map<ParticleKind, Set<ImagingStyle>> styles = new EnumMap<>(ParticleKind.class);
        for (Regime regime : Regime.fineTuningRegimes()) {
            styles.computeIfAbsent(regime.kind(), kind -> new HashSet<>()).add(regime.style());
        }
        for (ParticleKind kind : ParticleKind.values()) {
            Set<ImagingStyle> expected = kind == ParticleKind.BREAD_BUBBLES
                    ? Set.of(ImagingStyle.STANDARD, ImagingStyle.BLURRED, ImagingStyle.NOISY, ImagingStyle.LOW_CONTRAST)
                    : Set.of(ImagingStyle.values());
            assertEquals(expected, styles.get(kind), kind.toString());
            assertEquals(kind == ParticleKind.BREAD_BUBBLES ? 7 : 8, Regime.fineTuningRegimesOf(kind).size());
        }
    }

    @Test
    void byNameReturnsTheRegimeForEveryNameAndParsesOtherCombinations() {
        for (Regime regime : Regime.fineTuningRegimes()) {
            assertSame(regime, Regime.byName(regime.name()));
        }
        Regime invertedBread = Regime.byName("bread-large-dense-inverted");
        assertEquals(new Regime(ParticleKind.BREAD_BUBBLES, SizeClass.LARGE, DensityClass.DENSE, ImagingStyle.INVERTED),
                invertedBread);
        assertEquals("minerals-small-sparse-low-contrast", Regime.byName("minerals-small-sparse-low-contrast").name());
        assertThrows(IllegalArgumentException.class, () -> Regime.byName("round-small"));
        assertThrows(IllegalArgumentException.class, () -> Regime.byName("round-huge-dense"));
        assertThrows(IllegalArgumentException.class, () -> Regime.byName("round-small-dense-sepia"));
        assertThrows(IllegalArgumentException.class, () -> Regime.byName("pebbles-small-dense"));
    }

    @Test
    void invertedRegimesReverseTheKindsNaturalPolarity() {
        for (Regime regime : Regime.fineTuningRegimes()) {
            Polarity natural = regime.kind().naturalPolarity();
            if (regime.style() == ImagingStyle.INVERTED) {
                assertNotEquals(natural, regime.polarity(), regime.name());
            } else {
                assertEquals(natural, regime.polarity(), regime.name());
            }
        }
    }

    @Test
    void sizeAndCoverageRangesSeparateTheClasses() {
        for (ParticleKind kind : ParticleKind.values()) {
            assertTrue(kind.medianSizeRange(SizeClass.SMALL).max() < kind.medianSizeRange(SizeClass.LARGE).min(),
                    kind.toString());
            assertTrue(kind.coverageRange(DensityClass.SPARSE).max() < kind.coverageRange(DensityClass.DENSE).min(),
                    kind.toString());
            assertSame(kind, ParticleKind.fromCode(kind.code()));
        }
    }
}
