package dev.kirchhoff.training;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kirchhoff.profiles.JsonFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * A trained network in one file (by convention {@code *.khm}): a JSON header describing it and
 * its parameters as little-endian float32. Byte by byte:
 * <pre>
 *   offset  size  content
 *   0       8     magic, ASCII "KHMODEL1"
 *   8       4     H, the header length in bytes (unsigned 32-bit little-endian)
 *   12      H     the header, UTF-8 JSON: {"schemaVersion": 1, "weightsCrc32": c, "model": {…}}
 *                 with "model" a {@link ModelHeader}
 *   12+H    4·P   the weight block: for l = 0 … L−1, W_l row-major [out][in] then b_l,
 *                 each value float32 little-endian; P = Σ_l (n_{l+1}·n_l + n_{l+1})
 * </pre>
 * {@code c} is the CRC-32 (ISO-HDLC, {@link CRC32}) of the weight block; the file ends with it.
 *
 * <p>Reading checks everything and fails with a {@link ModelFormatException} naming the file and
 * the problem: wrong magic, a file shorter than its header or weights (truncated), a header that
 * is not UTF-8 or not valid JSON for the schema (unknown field, missing required field, wrong
 * type, impossible value — with the JSON path), an unsupported schema version, a weight block
 * whose length does not match the layer sizes, a CRC mismatch, and NaN or infinite parameters.
 * Writing goes through a temporary file renamed into place ({@link JsonFiles#writeAtomically}),
 * so a reader sees the old file or the new one, never half of one.
 */
public final class ModelFile {
    /** The 8 magic bytes. */
    public static final String MAGIC = "KHMODEL1";
    /** The header schema this code writes and reads. */
    public static final int SCHEMA_VERSION = 1;
    private static final int PREFIX = 12;

    private static final ObjectMapper MAPPER = JsonFiles.strictMapper()
            .build();

    private ModelFile() {
    }

    /** The JSON header: file-format fields around the model's description. */
    private record Header(
            @JsonProperty(required = true) int schemaVersion,
            @JsonProperty(required = true) long weightsCrc32,
            @JsonProperty(required = true) ModelHeader model) {
    }

    /**
     * A model as read from a file.
     *
     * @param header  its description
     * @param network its parameters
     */
    public record Contents(ModelHeader header, Mlp network) {
    }

    /**
     * Writes {@code network} with {@code header} to {@code file}, atomically.
     *
     * @param file    the target; its folder must exist
     * @param header  describes the network; its sizes must be the network's
     * @param network not modified; every parameter must be finite
     * @throws IllegalArgumentException if the sizes differ or a parameter is NaN or infinite
     */
    public static void write(Path file, ModelHeader header, Mlp network) throws IOException {
        JsonFiles.writeAtomically(file, toBytes(header, network));
    }

    /** The bytes of a model file (see {@link #write}). */
    public static byte[] toBytes(ModelHeader header, Mlp network) {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(network, "network");
        if (!Arrays.equals(header.sizeArray(), network.sizes())) {
            throw new IllegalArgumentException("header sizes " + header.sizes() + " must be the network's, "
                    + Arrays.toString(network.sizes()));
        }
        long count = network.parameterCount();
        if (4 * count > Integer.MAX_VALUE - 1024 * 1024) {
            throw new IllegalArgumentException("the network is too large for one file: " + count + " parameters");
        }
        ByteBuffer weights = ByteBuffer.allocate((int) (4 * count)).order(ByteOrder.LITTLE_ENDIAN);
        for (int l = 0; l < network.layers(); l++) {
            putFinite(weights, network.weights(l), l, "weight", network.inputs(l));
            putFinite(weights, network.biases(l), l, "bias", 1);
        }
        CRC32 crc = new CRC32();
        crc.update(weights.array());
        byte[] json;
        try {
            json = MAPPER.writeValueAsBytes(new Header(SCHEMA_VERSION, crc.getValue(), header));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the model header", e);
        }
        ByteBuffer out = ByteBuffer.allocate(PREFIX + json.length + weights.capacity()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC.getBytes(StandardCharsets.US_ASCII)).putInt(json.length).put(json).put(weights.array());
        return out.array();
    }

    private static void putFinite(ByteBuffer to, float[] values, int layer, String what, int width) {
        for (int k = 0; k < values.length; k++) {
            if (!Float.isFinite(values[k])) {
                throw new IllegalArgumentException("cannot save a network with non-finite parameters: " + where(layer, what,
                        k, width) + " is " + values[k]);
            }
        }
        to.asFloatBuffer().put(values);
        to.position(to.position() + 4 * values.length);
    }

    /**
     * Reads a model file.
     *
     * @throws ModelFormatException if the file is not a valid model file
     * @throws IOException          if it cannot be read
     */
    public static Contents read(Path file) throws IOException {
        return fromBytes(Files.readAllBytes(file), file.toString());
    }

    /**
     * Parses the bytes of a model file; {@code origin} names it in error messages.
     *
     * @throws ModelFormatException if the bytes are not a valid model file
     */
    public static Contents fromBytes(byte[] bytes, String origin) {
        if (bytes.length < PREFIX) {
            throw new ModelFormatException(origin, "truncated: " + bytes.length + " bytes, but a model file starts with "
                    + PREFIX + " (magic and header length)", null);
        }
        byte[] magic = Arrays.copyOf(bytes, MAGIC.length());
        if (!Arrays.equals(magic, MAGIC.getBytes(StandardCharsets.US_ASCII))) {
            throw new ModelFormatException(origin, "not a Kirchhoff model file: it starts with " + printable(magic)
                    + ", expected " + MAGIC, null);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = Integer.toUnsignedLong(in.getInt(MAGIC.length()));
        if (headerLength > bytes.length - PREFIX) {
            throw new ModelFormatException(origin, "truncated: the header is " + headerLength + " bytes, but only "
                    + (bytes.length - PREFIX) + " bytes follow offset " + PREFIX, null);
        }
        Header header = parseHeader(bytes, (int) headerLength, origin);
        int[] sizes = header.model().sizeArray();
        int weightStart = PREFIX + (int) headerLength;
        long needed = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            needed += 4L * ((long) sizes[l + 1] * sizes[l] + sizes[l + 1]);
        }
        long actual = bytes.length - weightStart;
        if (actual != needed) {
            throw new ModelFormatException(origin, (actual < needed ? "truncated: " : "")
                    + "the weight block at offset " + weightStart + " has " + actual + " bytes, but layer sizes "
                    + header.model().sizes() + " need " + needed, null);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, weightStart, (int) actual);
        if (crc.getValue() != header.weightsCrc32()) {
            throw new ModelFormatException(origin, String.format("the weight block's CRC-32 is %08x but the header says"
                    + " %08x: the weights are corrupt", crc.getValue(), header.weightsCrc32()), null);
        }
        in.position(weightStart);
        int layers = sizes.length - 1;
        float[][] w = new float[layers][];
        float[][] b = new float[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = getFinite(in, sizes[l + 1] * sizes[l], l, "weight", sizes[l], origin);
            b[l] = getFinite(in, sizes[l + 1], l, "bias", 1, origin);
        }
        return new Contents(header.model(), Mlp.of(sizes, w, b));
    }

    private static Header parseHeader(byte[] bytes, int length, String origin) {
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, PREFIX, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(origin, "the header (offset " + PREFIX + ", " + length
                    + " bytes) is not valid UTF-8", e);
        }
        Header header;
        try {
            header = MAPPER.readValue(json, Header.class);
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(origin, "header " + describe(e), e);
        }
        if (header == null) {
            throw new ModelFormatException(origin, "header is the JSON value null", null);
        }
        if (header.schemaVersion() != SCHEMA_VERSION) {
            throw new ModelFormatException(origin, "header $.schemaVersion: version " + header.schemaVersion()
                    + " is not supported (this reader knows " + SCHEMA_VERSION + ")", null);
        }
        if (header.weightsCrc32() < 0 || header.weightsCrc32() > 0xFFFF_FFFFL) {
            throw new ModelFormatException(origin, "header $.weightsCrc32: must be in [0, 2^32), got "
                    + header.weightsCrc32(), null);
        }
        return header;
    }

    private static float[] getFinite(ByteBuffer in, int count, int layer, String what, int width, String origin) {
        float[] values = new float[count];
        in.asFloatBuffer().get(values);
        in.position(in.position() + 4 * count);
        for (int k = 0; k < count; k++) {
            if (!Float.isFinite(values[k])) {
                throw new ModelFormatException(origin, "non-finite parameter: " + where(layer, what, k, width) + " is "
                        + values[k], null);
            }
        }
        return values;
    }

    /** "layer 1 weight [3][7]" or "layer 1 bias [3]". */
    private static String where(int layer, String what, int k, int width) {
        return "layer " + layer + " " + what + (width == 1 ? " [" + k + "]" : " [" + k / width + "][" + k % width + "]");
    }

    private static String printable(byte[] bytes) {
        StringBuilder b = new StringBuilder("\"");
        for (byte x : bytes) {
            int c = x & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                b.append((char) c);
            } else {
                b.append(String.format("\\x%02x", c));
            }
        }
        return b.append('"').toString();
    }

    private static String describe(JsonProcessingException e) {
        StringBuilder where = JsonFiles.jsonPath(e);
        JsonLocation loc = e.getLocation();
        if (loc != null && loc.getLineNr() > 0) {
            where.append(" (line ").append(loc.getLineNr()).append(')');
        }
        return where + ": " + JsonFiles.problem(e);
    }

}
