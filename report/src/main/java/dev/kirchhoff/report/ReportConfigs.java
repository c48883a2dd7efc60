package dev.kirchhoff.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kirchhoff.profiles.JsonFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Report configurations as JSON ({@code kirchhoff report --config FILE}): the fields of
 * {@link ReportConfig}, each optional; a field that is absent keeps its value from the base (the
 * defaults, or the quick report). Unknown fields, wrong types and invalid values are errors that
 * name the field.
 */
public final class ReportConfigs {
    private static final JsonMapper MAPPER = JsonFiles.strictMapper().build();

    private ReportConfigs() {
    }

    /** Thrown for a configuration file that cannot be used; the message names the file and field. */
    public static final class ConfigException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ConfigException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Reads a configuration file over a base.
     *
     * @param file the JSON file
     * @param base the values of absent fields
     * @throws ConfigException for unknown fields, bad values, malformed JSON or an empty file
     * @throws IOException     if the file cannot be read
     */
    public static ReportConfig read(Path file, ReportConfig base) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        return parse(json, base, file.toString());
    }

    /** As {@link #read}, from text; {@code origin} names it in messages. */
    public static ReportConfig parse(String json, ReportConfig base, String origin) {
        if (json.isBlank()) {
            throw new ConfigException(origin + ": empty file, expected a JSON object of report settings", null);
        }
        JsonNode given;
        try {
            given = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException(origin + ": not valid JSON: " + JsonFiles.problem(e), e);
        }
        if (!given.isObject()) {
            throw new ConfigException(origin + ": expected a JSON object of report settings, got " + given.getNodeType(),
                    null);
        }
        ObjectNode merged = MAPPER.valueToTree(base);
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!merged.has(f.getKey())) {
                throw new ConfigException(origin + ": unknown field '" + f.getKey() + "' (known: "
                        + String.join(", ", (Iterable<String>) merged::fieldNames) + ")", null);
            }
            merged.set(f.getKey(), f.getValue());
        }
        try {
            return MAPPER.treeToValue(merged, ReportConfig.class);
        } catch (JsonProcessingException e) {
            StringBuilder where = JsonFiles.jsonPath(e);
            throw new ConfigException(origin + ": " + where + ": " + JsonFiles.problem(e), e);
        }
    }

    /** The configuration as indented JSON, which {@link #parse} reads back to an equal configuration. */
    public static String toJson(ReportConfig config) {
        try {
            return MAPPER.writeValueAsString(config) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report configuration as JSON", e);
        }
    }
}
