package dev.kirchhoff.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

/** Java serialization to and from byte arrays, for what the engine ships through Spark. */
final class JavaBytes {
    private JavaBytes() {
    }

    /** The Java serialization of {@code value}. */
    static byte[] of(Serializable value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize a " + value.getClass().getName(), e);
        }
        return bytes.toByteArray();
    }

    /** The object serialized in {@code bytes}, which must be a {@code type}. */
    static <T> T read(byte[] bytes, Class<T> type) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return type.cast(in.readObject());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot deserialize a " + type.getName(), e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot deserialize a " + type.getName() + ": " + e.getMessage(), e);
        }
    }
}
