package org.segrank.workspace;

import java.util.regex.Pattern;

import org.segrank.core.InvalidInputException;

/** Validation shared by the repositories; every failure names its source and field. */
final class Checks {
    /** Names of datasets, models, versions and aliases: safe in file names, URLs and CLI args. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_VERSION_LENGTH = 100;

    private Checks() {
    }

    static InvalidInputException invalid(String source, String location, String problem) {
        return new InvalidInputException(source, location, problem);
    }

    static String field(String location, String field) {
        return location == null || location.isEmpty() ? "field '" + field + "'" : location + ", field '" + field + "'";
    }

    static String requireName(String value, int maxLength, String source, String location, String field) {
        if (value == null || value.isBlank()) {
            throw invalid(source, field(location, field), "is required");
        }
        if (value.length() > maxLength) {
            throw invalid(source, field(location, field), "is longer than " + maxLength + " characters");
        }
        if (!NAME.matcher(value).matches()) {
            throw invalid(source, field(location, field), "'" + value
                    + "' must start with a letter or digit and contain only letters, digits, '.', '_', '+' and '-'");
        }
        return value;
    }

    static String requireText(String value, int maxLength, String source, String location, String field) {
        if (value == null || value.isBlank()) {
            throw invalid(source, field(location, field), "is required");
        }
        return optionalText(value, maxLength, source, location, field);
    }

    /** Blank counts as absent; returns the trimmed value or {@code null}. */
    static String optionalText(String value, int maxLength, String source, String location, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw invalid(source, field(location, field), "is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            if (Character.isISOControl(trimmed.charAt(i)) && trimmed.charAt(i) != '\n' && trimmed.charAt(i) != '\t') {
                throw invalid(source, field(location, field), "contains a control character");
            }
        }
        return trimmed;
    }

    static void requireFinite(double value, String source, String location, String field) {
        if (!Double.isFinite(value)) {
            throw invalid(source, field(location, field), "must be a finite number, got " + value);
        }
    }

    static void requireUnitInterval(Double value, String source, String location, String field) {
        if (value != null && !(value >= 0.0 && value <= 1.0)) { // written so NaN fails too
            throw invalid(source, field(location, field), "must be a number in [0, 1], got " + value);
        }
    }

    static void requirePositive(Integer value, String source, String location, String field) {
        if (value != null && value <= 0) {
            throw invalid(source, field(location, field), "must be positive, got " + value);
        }
    }
}
