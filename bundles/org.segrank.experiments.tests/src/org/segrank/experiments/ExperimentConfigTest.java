package org.segrank.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The settings users type (CLI options, the UI's Experiment dialog) and the versions an experiment records. */
class ExperimentConfigTest {

    @Test
    void cutoffsAndNumberListsParseAsWrittenAndNameWhatIsWrong() {
        assertEquals(List.of(0, 1, 3, 5), ExperimentConfig.parseCutoffs(List.of("full", " 1", "3 ", "5")));
        assertEquals(List.of(0), ExperimentConfig.parseCutoffs(List.of("Full")));
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class,
                () -> ExperimentConfig.parseCutoffs(List.of("full", "top3")));
        assertTrue(cut.getMessage().contains("'top3'"), cut.getMessage());

        assertEquals(List.of(250, 125, 50, 25), ExperimentConfig.parseIntegers("k", "250, 125,50 ,25"));
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class, () -> ExperimentConfig.parseIntegers("k", "250,12.5"));
        assertEquals("k: '12.5' is not a whole number", k.getMessage());
    }

    @Test
    void parsedSettingsStillMeetTheConfigurationsRules() {
        List<Integer> ks = ExperimentConfig.parseIntegers("k", "4,0");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExperimentConfig
                .paper("x", "d", List.of(), List.of("particle-descriptor"), "-").withKs(ks));
        assertTrue(e.getMessage().contains("[4, 0]"), e.getMessage());
    }

    @Test
    void softwareVersionsNameSegRankJavaAndTheOs() {
        Map<String, String> versions = ExperimentRunner.softwareVersions("0.1.0.test");
        assertEquals(List.of("SegRank", "Java", "OS"), List.copyOf(versions.keySet()));
        assertEquals("0.1.0.test", versions.get("SegRank"));
        assertTrue(versions.get("Java").startsWith(System.getProperty("java.version")), versions.get("Java"));
    }
}
