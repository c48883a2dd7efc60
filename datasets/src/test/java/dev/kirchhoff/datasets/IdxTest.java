package dev.kirchhoff.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IDX and Kirchhoff image-set files on tiny synthetic sets: byte layout against the IDX
 * definition on the MNIST page, round trips, and the strict errors (file and offset named).
 */
class IdxTest {
    @TempDir
    Path dir;

    /** Three 2×3 images with labels 7, 0, 9 and pixels 0..17 (pixel k of image i = 6i + k). */
    private static ImageSet tiny() {
        byte[] pixels = new byte[18];
        for (int k = 0; k < 18; k++) {
            pixels[k] = (byte) (k * 15);
        }
        return new ImageSet(2, 3, 10, pixels, new byte[] {7, 0, 9});
    }

    /**
     * The written image file is exactly: 00 00 08 03, count 3, rows 2, cols 3 (big-endian int32),
     * then the 18 pixels; the label file 00 00 08 01, count 3, labels. Reading back, plain and
     * gzipped, gives the same set.
     */
    @Test
    void roundTripAndLayout() throws IOException {
        ImageSet set = tiny();
        Path img = dir.resolve("img-idx3-ubyte");
        Path lab = dir.resolve("lab-idx1-ubyte");
        Idx.write(set, img, lab, false);
        byte[] bytes = Files.readAllBytes(img);
        assertEquals(16 + 18, bytes.length);
        assertArrayEquals(new byte[] {0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 3}, Arrays.copyOf(bytes, 16));
        assertEquals((byte) (17 * 15), bytes[33]);
        assertArrayEquals(new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 7, 0, 9}, Files.readAllBytes(lab));
        assertTrue(set.sameContent(Idx.read(img, lab, 10)));

        Path imgGz = dir.resolve("img.gz");
        Path labGz = dir.resolve("lab.gz");
        Idx.write(set, imgGz, labGz, true);
        assertEquals(0x1f, Files.readAllBytes(imgGz)[0] & 0xFF);
        assertTrue(set.sameContent(Idx.read(imgGz, labGz, 10)));
        assertEquals(255, Idx.read(imgGz, labGz, 10).pixel(2, 5));
    }

    /** Bad magic, wrong dimension count, truncation, trailing bytes, bad label, count mismatch. */
    @Test
    void idxErrorsNameFileAndOffset() throws IOException {
        ImageSet set = tiny();
        Path img = dir.resolve("img");
        Path lab = dir.resolve("lab");
        Idx.write(set, img, lab, false);
        byte[] good = Files.readAllBytes(img);

        Path bad = dir.resolve("bad-magic");
        byte[] b = good.clone();
        b[2] = 0x0D; // float type
        Files.write(bad, b);
        assertMessage(() -> Idx.read(bad, lab, 10), bad + ": offset 0: bad magic");

        Path dims = dir.resolve("dims");
        Files.write(dims, Files.readAllBytes(lab));
        assertMessage(() -> Idx.read(dims, lab, 10), dims + ": offset 3: 1 dimensions, expected 3");

        Path cut = dir.resolve("cut");
        Files.write(cut, Arrays.copyOf(good, 30));
        assertMessage(() -> Idx.read(cut, lab, 10), cut + ": offset 30: truncated data");

        Path cutHeader = dir.resolve("cut-header");
        Files.write(cutHeader, Arrays.copyOf(good, 10));
        assertMessage(() -> Idx.read(cutHeader, lab, 10), cutHeader + ": offset 10: truncated dimension sizes");

        Path longer = dir.resolve("longer");
        Files.write(longer, Arrays.copyOf(good, good.length + 1));
        assertMessage(() -> Idx.read(longer, lab, 10), longer + ": offset 34: trailing bytes");

        Path badLabel = dir.resolve("bad-label");
        Files.write(badLabel, new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 7, 10, 9});
        assertMessage(() -> Idx.read(img, badLabel, 10), badLabel + ": offset 9: label 10 of image 1 out of range");

        Path fewer = dir.resolve("fewer");
        Files.write(fewer, new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 7, 0});
        assertMessage(() -> Idx.read(img, fewer, 10), fewer + ": offset 4: 2 labels for 3 images");

        Path cutGz = dir.resolve("cut.gz");
        Path labGz = dir.resolve("lab.gz");
        Idx.write(set, cutGz, labGz, true);
        byte[] gz = Files.readAllBytes(cutGz);
        Files.write(cutGz, Arrays.copyOf(gz, gz.length - 12)); // drop the trailer and some data
        IOException e = assertThrows(IOException.class, () -> Idx.read(cutGz, labGz, 10));
        assertTrue(e.getMessage().startsWith(cutGz + ": offset "), e.getMessage());
    }

    /** Kirchhoff's own format: round trip, and a flipped pixel, a bad label, bad magic, truncation. */
    @Test
    void imageSetFileRoundTripAndErrors() throws IOException {
        ImageSet set = tiny();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageSetFile.write(set, out);
        byte[] gz = out.toByteArray();
        assertTrue(set.sameContent(ImageSetFile.read(new ByteArrayInputStream(gz), "t")));

        byte[] content = ungzip(gz);
        assertEquals(ImageSetFile.HEADER_BYTES + 3 + 18, content.length);

        byte[] flipped = content.clone();
        flipped[ImageSetFile.HEADER_BYTES + 3 + 4] ^= 1;
        assertMessage(() -> ImageSetFile.read(new ByteArrayInputStream(gzip(flipped)), "f"),
                "f: offset 28: SHA-256");

        byte[] label = content.clone();
        label[ImageSetFile.HEADER_BYTES + 2] = 12;
        assertMessage(() -> ImageSetFile.read(new ByteArrayInputStream(gzip(label)), "l"),
                "l: offset 62: label 12 of image 2 out of range [0, 10)");

        byte[] magic = content.clone();
        magic[0] = 'X';
        assertMessage(() -> ImageSetFile.read(new ByteArrayInputStream(gzip(magic)), "m"), "m: offset 0: bad magic");

        byte[] cut = Arrays.copyOf(content, ImageSetFile.HEADER_BYTES + 3 + 10);
        assertMessage(() -> ImageSetFile.read(new ByteArrayInputStream(gzip(cut)), "c"),
                "c: offset 73: truncated pixels");

        assertMessage(() -> ImageSetFile.read(new ByteArrayInputStream(content), "raw"), "raw: offset 0: not a gzip");
    }

    /** Bad arguments of the in-memory set name the parameter and value. */
    @Test
    void imageSetArgumentChecks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImageSet(2, 3, 10, new byte[18], new byte[] {0, 10, 0}));
        assertEquals("labels[1] must be in [0, 10), got 10", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ImageSet(2, 3, 10, new byte[17], new byte[3]));
        assertTrue(e.getMessage().startsWith("pixels.length must be"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tiny().subset(new int[] {0, 3}));
        assertEquals("indices[1] must be in [0, 3), got 3", e.getMessage());
    }

    private interface Action {
        void run() throws IOException;
    }

    private static void assertMessage(Action action, String prefix) {
        IOException e = assertThrows(IOException.class, action::run);
        assertTrue(e.getMessage().startsWith(prefix), "expected a message starting with \"" + prefix + "\", got \""
                + e.getMessage() + "\"");
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    private static byte[] ungzip(byte[] gz) throws IOException {
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }
}
