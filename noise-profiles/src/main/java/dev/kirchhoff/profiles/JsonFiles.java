package dev.kirchhoff.profiles;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What every strict JSON format of the project (noise profiles, hardware descriptions, the JSON
 * header of model files) needs: the JSON path of an error and a write that never leaves a
 * half-written file.
 */
public final class JsonFiles {
    private JsonFiles() {
    }

    /**
     * The JSON path at which Jackson failed, {@code $.field[index].field}, as a builder the
     * caller may extend.
     *
     * @param e the failure, not modified
     */
    public static StringBuilder jsonPath(JsonProcessingException e) {
        StringBuilder where = new StringBuilder("$");
        if (e instanceof JsonMappingException m) {
            for (JsonMappingException.Reference ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    where.append('.').append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    where.append('[').append(ref.getIndex()).append(']');
                }
            }
        }
        return where;
    }

    /**
     * A mapper builder for strict JSON input, the one set-up of every file format the project
     * reads (noise profiles, hardware descriptions, model files): unknown fields, trailing tokens,
     * duplicate keys, null primitives and fractions for integers are errors; output is indented.
     * Callers add what their format needs (e.g. required creator properties, mix-ins).
     */
    public static JsonMapper.Builder strictMapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * What went wrong, in one line for a user: an unknown field by name, the message of the
     * validation that rejected a value (an {@link IllegalArgumentException} or
     * {@link NullPointerException} thrown by a constructor), "missing required field", or else the
     * first line of Jackson's own message.
     *
     * @param e the failure, not modified
     */
    public static String problem(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'";
        }
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof IllegalArgumentException || c instanceof NullPointerException) {
                return String.valueOf(c.getMessage());
            }
        }
        String msg = String.valueOf(e.getOriginalMessage());
        if (msg.startsWith("Missing creator property") || msg.startsWith("Missing required creator property")) {
            return "missing required field";
        }
        int nl = msg.indexOf('\n');
        return nl >= 0 ? msg.substring(0, nl) : msg;
    }

    /**
     * Writes UTF-8 text to {@code file} atomically, as {@link #writeAtomically(Path, byte[])}.
     *
     * @param file the target
     * @param text the contents
     */
    public static void writeAtomically(Path file, String text) throws IOException {
        writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes bytes to {@code file} atomically: a temporary file beside it, then a rename, so the
     * file appears whole or not at all and an interrupted write leaves the previous one.
     *
     * @param file  the target
     * @param bytes the contents, not modified
     */
    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
