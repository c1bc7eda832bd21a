package org.segrank.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON columns hold objects; this validates and normalises them. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /**
     * @return the compact form of the JSON object, or {@code null} for null/blank text
     * @throws org.segrank.core.InvalidInputException naming source and field if the text is not a
     *     JSON object
     */
    static String optionalObject(String text, String source, String location, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw Checks.invalid(source, Checks.field(location, field),
                    "is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw Checks.invalid(source, Checks.field(location, field), "must be a JSON object ({...})");
        }
        return node.toString();
    }
}
