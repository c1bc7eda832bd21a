package org.segrank.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Validation helpers shared by the report records (package-private). */
final class Checks {
    /** Tolerance for values that must lie in [0, 1] but come out of floating-point arithmetic. */
    static final double UNIT_TOLERANCE = 1e-9;

    private Checks() {
    }

    static String text(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    static <T> List<T> list(List<T> values, String name) {
        Objects.requireNonNull(values, name);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new IllegalArgumentException(name + " contains null at index " + i);
            }
        }
        return List.copyOf(values);
    }

    /** Copy keeping the iteration order; rejects null keys and values. */
    static <K, V> Map<K, V> orderedMap(Map<K, V> values, String name) {
        Objects.requireNonNull(values, name);
        Map<K, V> copy = new LinkedHashMap<>();
        for (Map.Entry<K, V> e : values.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException(name + " contains a null key or value (" + e.getKey() + ")");
            }
            copy.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    /** A finite value in [0, 1] (tolerating rounding noise). */
    static double unit(double value, String name) {
        if (!Double.isFinite(value) || value < -UNIT_TOLERANCE || value > 1 + UNIT_TOLERANCE) {
            throw new IllegalArgumentException(name + " must be a finite value in [0, 1], got " + value);
        }
        return value;
    }

    /** NaN (undefined) or a finite value in [0, 1]. */
    static double unitOrNaN(double value, String name) {
        return Double.isNaN(value) ? value : unit(value, name);
    }

    static int nonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
        return value;
    }
}
