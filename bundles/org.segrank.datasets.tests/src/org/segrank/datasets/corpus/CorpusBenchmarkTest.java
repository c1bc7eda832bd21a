package org.segrank.datasets.corpus;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class CorpusBenchmarkTest {

    @Test
    void reportsPositiveThroughputForGenerationAndWriting() {
        String report = CorpusBenchmark.run(4, 64, 64, 1);
        Matcher rates = Pattern.compile("([0-9.]+) images/s").matcher(report);
        int found = 0;
        while (rates.find()) {
            assertTrue(Double.parseDouble(rates.group(1)) > 0, report);
            found++;
        }
        assertTrue(found == 2, report);
        assertTrue(report.contains("64x64, 4 images"), report);
    }

    @Test
    void rejectsAnEmptyRun() {
        assertThrows(IllegalArgumentException.class, () -> CorpusBenchmark.run(0, 64, 64, 1));
    }
}
