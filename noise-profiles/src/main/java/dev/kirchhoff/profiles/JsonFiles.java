package dev.kirchhoff.profiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
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
