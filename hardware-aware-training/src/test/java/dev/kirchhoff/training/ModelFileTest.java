package dev.kirchhoff.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    private static final Mlp NET = new Mlp(new int[] {5, 4, 3}, RandomSource.XO_SHI_RO_256_PP.create(8L));
    private static final ModelHeader HEADER = ModelHeader.of(NET, ModelHeader.Mode.FP, TrainingConfig.defaults())
            .withProvenance(Map.of("tool", "kirchhoff 0.1.0", "dataset", "MNIST-10k"))
            .withOutputScales(List.of(1.5, 0.25));

    @Test
    void aModelSurvivesTheRoundTripBitwise() throws IOException {
        Path file = dir.resolve("model.khm");
        ModelFile.write(file, HEADER, NET);
        ModelFile.Contents back = ModelFile.read(file);
        assertEquals(HEADER, back.header());
        assertTrue(back.network().sameParameters(NET));
        // 12-byte prefix, the header, then 4 bytes per parameter (5·4 + 4 + 4·3 + 3 = 39)
        byte[] bytes = Files.readAllBytes(file);
        int h = ByteBuffer.wrap(bytes, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertEquals(12 + h + 4 * 39, bytes.length);
        assertEquals(NET.weights(0)[1], ByteBuffer.wrap(bytes, 12 + h + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
        String json = new String(bytes, 12, h, StandardCharsets.UTF_8);
        assertTrue(json.contains("\"mode\" : \"fp\""), json);
        assertTrue(json.contains("\"optimizer\" : \"sgd\""), json);
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        String json = json(crc(weights(NET)), "[5,4,3]", "hwa", "");
        ModelFile.Contents c = ModelFile.fromBytes(assemble(json, weights(NET)), "m.khm");
        assertEquals(ModelHeader.Mode.HWA, c.header().mode());
        assertEquals(Map.of(), c.header().provenance());
        assertEquals(null, c.header().training());
        assertTrue(c.network().sameParameters(NET));
    }

    @Test
    void wrongMagic() {
        byte[] bytes = ModelFile.toBytes(HEADER, NET);
        bytes[0] = 'P';
        bytes[1] = 'K';
        bytes[2] = 3;
        assertProblem("not a Kirchhoff model file: it starts with \"PK\\x03ODEL1\", expected KHMODEL1", bytes);
    }

    @Test
    void truncatedFiles() {
        byte[] bytes = ModelFile.toBytes(HEADER, NET);
        int h = bytes.length - 12 - 4 * 39;
        assertProblem("truncated: 7 bytes, but a model file starts with 12 (magic and header length)",
                Arrays.copyOf(bytes, 7));
        assertProblem("truncated: the header is " + h + " bytes, but only 88 bytes follow offset 12",
                Arrays.copyOf(bytes, 100));
        assertProblem("truncated: the weight block at offset " + (12 + h) + " has 150 bytes, but layer sizes [5, 4, 3]"
                + " need 156", Arrays.copyOf(bytes, bytes.length - 6));
    }

    @Test
    void aCorruptWeightFailsTheChecksum() {
        byte[] bytes = ModelFile.toBytes(HEADER, NET);
        long stored = crc(Arrays.copyOfRange(bytes, bytes.length - 4 * 39, bytes.length));
        bytes[bytes.length - 10] ^= 0x10;
        long actual = crc(Arrays.copyOfRange(bytes, bytes.length - 4 * 39, bytes.length));
        assertProblem(String.format("the weight block's CRC-32 is %08x but the header says %08x: the weights are corrupt",
                actual, stored), bytes);
    }

    @Test
    void badJsonNamesThePathAndLine() {
        byte[] w = weights(NET);
        long c = crc(w);
        assertProblem("the header (offset 12, 3 bytes) is not valid UTF-8",
                assemble(new byte[] {'{', (byte) 0xC3, '}'}, w));
        assertProblem("header $ (line 1): Unexpected end-of-input: expected close marker for Object",
                assemble("{\"schemaVersion\":1", w), true);
        assertProblem("header $.model.colour (line 1): unknown field 'colour'",
                assemble(json(c, "[5,4,3]", "fp", ",\"colour\":\"red\""), w));
        assertProblem("header $.model.mode (line 1): missing required field", assemble(json(c, "[5,4,3]", null, ""), w));
        assertProblem("header $.model.mode (line 1): mode must be one of fp, hwa, analog, snn, got spiking",
                assemble(json(c, "[5,4,3]", "spiking", ""), w));
        assertProblem("header $.model (line 1): sizes[1] must be at least 1, got 0", assemble(json(c, "[5,0,3]", "fp", ""), w));
        assertProblem("header $.schemaVersion: version 2 is not supported (this reader knows 1)",
                assemble(json(c, "[5,4,3]", "fp", "").replace("\"schemaVersion\":1", "\"schemaVersion\":2"), w));
    }

    @Test
    void sizesInconsistentWithTheWeightBlock() {
        // the 39 floats of a 5-4-3 network under a header that claims 5-4-2 (34 floats)
        byte[] w = weights(NET);
        String json = json(crc(w), "[5,4,2]", "fp", "");
        int offset = 12 + json.length();
        assertProblem("the weight block at offset " + offset + " has 156 bytes, but layer sizes [5, 4, 2] need 136",
                assemble(json, w));
    }

    @Test
    void nonFiniteWeightsAreRejectedEvenWithAGoodChecksum() {
        byte[] w = weights(NET);
        // layer 0 weight [2][3] is float 2·5 + 3 = 13 of the block
        ByteBuffer.wrap(w).order(ByteOrder.LITTLE_ENDIAN).putFloat(4 * 13, Float.NaN);
        assertProblem("non-finite parameter: layer 0 weight [2][3] is NaN", assemble(json(crc(w), "[5,4,3]", "fp", ""), w));
        // float 36 is bias [0] of layer 1 (W_0: 20, b_0: 4, W_1: 12)
        ByteBuffer.wrap(w).order(ByteOrder.LITTLE_ENDIAN).putFloat(4 * 13, 0f).putFloat(4 * 36, Float.NEGATIVE_INFINITY);
        assertProblem("non-finite parameter: layer 1 bias [0] is -Infinity", assemble(json(crc(w), "[5,4,3]", "fp", ""), w));
    }

    @Test
    void writingRefusesWhatCouldNotBeReadBack() {
        Mlp bad = NET.copy();
        bad.biases(1)[2] = Float.POSITIVE_INFINITY;
        assertEquals("cannot save a network with non-finite parameters: layer 1 bias [2] is Infinity",
                assertThrows(IllegalArgumentException.class, () -> ModelFile.toBytes(HEADER, bad)).getMessage());
        Mlp other = new Mlp(new int[] {5, 3}, RandomSource.XO_SHI_RO_256_PP.create(1L));
        assertEquals("header sizes [5, 4, 3] must be the network's, [5, 3]",
                assertThrows(IllegalArgumentException.class, () -> ModelFile.toBytes(HEADER, other)).getMessage());
    }

    @Test
    void readingAFileNamesIt() throws IOException {
        Path file = dir.resolve("broken.khm");
        Files.write(file, new byte[] {1, 2, 3});
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
        assertEquals(file + ": truncated: 3 bytes, but a model file starts with 12 (magic and header length)",
                e.getMessage());
        assertEquals(file.toString(), e.file());
    }

    private static void assertProblem(String problem, byte[] bytes) {
        assertProblem(problem, bytes, false);
    }

    /** The exception names "m.khm" and the problem (exactly, or as a prefix where Jackson's wording continues). */
    private static void assertProblem(String problem, byte[] bytes, boolean prefix) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.fromBytes(bytes, "m.khm"));
        if (prefix) {
            assertTrue(e.getMessage().startsWith("m.khm: " + problem), e.getMessage());
        } else {
            assertEquals("m.khm: " + problem, e.getMessage());
        }
        assertEquals("m.khm", e.file());
    }

    /** A minimal header: schema 1, the CRC, and a model object with the given sizes, mode and extra fields. */
    private static String json(long crc, String sizes, String mode, String extra) {
        return "{\"schemaVersion\":1,\"weightsCrc32\":" + crc + ",\"model\":{\"sizes\":" + sizes
                + ",\"activation\":\"relu\"" + (mode == null ? "" : ",\"mode\":\"" + mode + "\"") + extra + "}}";
    }

    private static byte[] weights(Mlp net) {
        ByteBuffer b = ByteBuffer.allocate(4 * (int) net.parameterCount()).order(ByteOrder.LITTLE_ENDIAN);
        for (int l = 0; l < net.layers(); l++) {
            for (float v : net.weights(l)) {
                b.putFloat(v);
            }
            for (float v : net.biases(l)) {
                b.putFloat(v);
            }
        }
        return b.array();
    }

    private static long crc(byte[] bytes) {
        CRC32 c = new CRC32();
        c.update(bytes);
        return c.getValue();
    }

    private static byte[] assemble(String json, byte[] weights) {
        return assemble(json.getBytes(StandardCharsets.UTF_8), weights);
    }

    private static byte[] assemble(byte[] json, byte[] weights) {
        return ByteBuffer.allocate(12 + json.length + weights.length).order(ByteOrder.LITTLE_ENDIAN)
                .put("KHMODEL1".getBytes(StandardCharsets.US_ASCII)).putInt(json.length).put(json).put(weights).array();
    }
}
