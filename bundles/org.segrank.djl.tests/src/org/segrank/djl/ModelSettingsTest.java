package org.segrank.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ModelSettingsTest {

    @Test
    void defaultsKeepTheImageAndUseTorchvisionThresholds() {
        ModelSettings defaults = ModelSettings.defaults();
        assertFalse(defaults.resizes());
        assertFalse(defaults.normalizes());
        assertEquals(0.05f, defaults.scoreThreshold());
        assertEquals(0.5f, defaults.maskThreshold());
        assertTrue(defaults.keepsLabel(1) && defaults.keepsLabel(17));
    }

    @Test
    void registryValuesAreTakenAndAbsentOnesDefaulted() {
        ModelSettings registered = ModelSettings.fromRegistry(640, 480, List.of(0.485, 0.456, 0.406),
                List.of(0.229, 0.224, 0.225), 0.3, 0.6);
        assertEquals(640, registered.inputWidth());
        assertEquals(480, registered.inputHeight());
        assertEquals(List.of(0.485f, 0.456f, 0.406f), registered.mean());
        assertEquals(0.3f, registered.scoreThreshold());
        assertEquals(0.6f, registered.maskThreshold());
        assertTrue(registered.resizes() && registered.normalizes());

        assertEquals(java.util.Set.of(), registered.labels());
        assertEquals(java.util.Set.of(1, 4), ModelSettings.fromRegistry(null, null, null, null, null, null, List.of(1, 4)).labels());

        ModelSettings sparse = ModelSettings.fromRegistry(null, null, null, List.of(), null, null);
        assertEquals(ModelSettings.defaults(), sparse);
        assertNull(sparse.inputWidth());
    }

    @Test
    void withersChangeOneSetting() {
        ModelSettings squares = ModelSettings.defaults().withInputSize(128, 96).withLabels(Set.of(2));
        assertEquals(128, squares.inputWidth());
        assertEquals(96, squares.inputHeight());
        assertTrue(squares.keepsLabel(2));
        assertFalse(squares.keepsLabel(1));
        assertFalse(squares.withOriginalSize().resizes());
        assertEquals(0.7f, squares.withMaskThreshold(0.7f).maskThreshold());
        assertEquals(Set.of(2), squares.withScoreThreshold(0.9f).labels());
    }

    @Test
    void inconsistentSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> ModelSettings.fromRegistry(512, null, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> ModelSettings.defaults().withInputSize(0, 10));
        assertThrows(IllegalArgumentException.class,
                () -> ModelSettings.defaults().withNormalization(List.of(0.5f, 0.5f), List.of(0.5f, 0.5f)));
        assertThrows(IllegalArgumentException.class,
                () -> ModelSettings.defaults().withNormalization(List.of(0f, 0f, 0f), List.of(1f, 0f, 1f)));
        assertThrows(IllegalArgumentException.class, () -> ModelSettings.defaults().withScoreThreshold(1.5f));
        assertThrows(IllegalArgumentException.class, () -> ModelSettings.defaults().withMaskThreshold(1f));
        assertThrows(IllegalArgumentException.class, () -> ModelSettings.defaults().withMaskThreshold(Float.NaN));
    }
}
