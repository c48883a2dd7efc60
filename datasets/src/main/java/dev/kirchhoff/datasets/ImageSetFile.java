package dev.kirchhoff.datasets;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Kirchhoff's compact image-set file: a gzip stream whose content is, big-endian,
 * <pre>
 *   offset  0  8 bytes  magic "KHIMAGES" (ASCII)
 *   offset  8  int32    format version, 1
 *   offset 12  int32    image count n
 *   offset 16  int32    rows
 *   offset 20  int32    cols
 *   offset 24  int32    classes
 *   offset 28  32 bytes SHA-256 of the n label bytes followed by the n·rows·cols pixel bytes
 *   offset 60  n bytes  labels, each in [0, classes)
 *   then       n·rows·cols bytes  pixels, uint8, image after image, row-major
 * </pre>
 * Reading checks the magic, version, shape, every label and the checksum, and names the file
 * and the (uncompressed) offset of the first thing that is wrong.
 */
public final class ImageSetFile {
    /** The magic bytes at offset 0. */
    public static final String MAGIC = "KHIMAGES";
    /** The only format version so far. */
    public static final int VERSION = 1;
    /** Header length in bytes (the labels start here). */
    public static final int HEADER_BYTES = 60;

    private ImageSetFile() {
    }

    /**
     * Writes {@code set} as a gzipped image-set file.
     *
     * @param set the images (not modified)
     * @param out receives the gzip stream; finished but not closed
     */
    public static void write(ImageSet set, OutputStream out) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
        data.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
        data.writeInt(VERSION);
        data.writeInt(set.size());
        data.writeInt(set.rows());
        data.writeInt(set.cols());
        data.writeInt(set.classes());
        data.write(sha256(set.labelArray(), set.pixelArray()));
        data.write(set.labelArray());
        data.write(set.pixelArray());
        data.flush();
        gz.finish();
    }

    /**
     * Reads a gzipped image-set file.
     *
     * @param in         the gzip stream (read to the end of the content, not closed)
     * @param sourceName the file's name, for error messages
     * @throws IOException with the file name and offset when the content is malformed or corrupt
     */
    public static ImageSet read(InputStream in, String sourceName) throws IOException {
        InputStream data;
        try {
            data = new GZIPInputStream(in, 1 << 16);
        } catch (java.util.zip.ZipException e) {
            throw new IOException(sourceName + ": offset 0: not a gzip stream (" + e.getMessage() + ")", e);
        }
        byte[] header = readFully(data, HEADER_BYTES, sourceName, 0, "header");
        byte[] magic = Arrays.copyOf(header, 8);
        if (!Arrays.equals(magic, MAGIC.getBytes(StandardCharsets.US_ASCII))) {
            throw new IOException(sourceName + ": offset 0: bad magic, expected \"" + MAGIC + "\", got "
                    + new String(magic, StandardCharsets.ISO_8859_1));
        }
        int version = intAt(header, 8);
        if (version != VERSION) {
            throw new IOException(sourceName + ": offset 8: unsupported version " + version + ", expected " + VERSION);
        }
        int n = intAt(header, 12);
        int rows = intAt(header, 16);
        int cols = intAt(header, 20);
        int classes = intAt(header, 24);
        checkField(sourceName, 12, "image count", n, 0, Integer.MAX_VALUE);
        checkField(sourceName, 16, "rows", rows, 1, 1 << 15);
        checkField(sourceName, 20, "cols", cols, 1, 1 << 15);
        checkField(sourceName, 24, "classes", classes, 1, 256);
        long pixelCount = (long) n * rows * cols;
        if (pixelCount > Integer.MAX_VALUE - 8) {
            throw new IOException(sourceName + ": offset 12: " + n + " images of " + rows + "×" + cols
                    + " do not fit in one array");
        }
        byte[] checksum = Arrays.copyOfRange(header, 28, 60);
        byte[] labels = readFully(data, n, sourceName, HEADER_BYTES, "labels");
        for (int i = 0; i < n; i++) {
            int label = labels[i] & 0xFF;
            if (label >= classes) {
                throw new IOException(sourceName + ": offset " + (HEADER_BYTES + i) + ": label " + label
                        + " of image " + i + " out of range [0, " + classes + ")");
            }
        }
        byte[] pixels = readFully(data, (int) pixelCount, sourceName, HEADER_BYTES + (long) n, "pixels");
        if (data.read() != -1) {
            throw new IOException(sourceName + ": offset " + (HEADER_BYTES + n + pixelCount)
                    + ": trailing bytes after the pixels");
        }
        if (!Arrays.equals(checksum, sha256(labels, pixels))) {
            throw new IOException(sourceName + ": offset 28: SHA-256 of labels and pixels does not match the header");
        }
        return new ImageSet(rows, cols, classes, pixels, labels, true);
    }

    /** SHA-256 of the label bytes followed by the pixel bytes, as stored at offset 28. */
    public static byte[] contentSha256(ImageSet set) {
        return sha256(set.labelArray(), set.pixelArray());
    }

    private static byte[] sha256(byte[] labels, byte[] pixels) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(labels);
            md.update(pixels);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static void checkField(String source, long offset, String name, int value, int lo, int hi)
            throws IOException {
        if (value < lo || value > hi) {
            throw new IOException(source + ": offset " + offset + ": " + name + " " + value + " outside [" + lo + ", "
                    + hi + "]");
        }
    }

    private static int intAt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    /** Reads exactly {@code length} bytes or throws naming the file and the offset where the data ended. */
    static byte[] readFully(InputStream in, int length, String source, long offset, String what) throws IOException {
        byte[] b = new byte[length];
        int done = 0;
        while (done < length) {
            int r;
            try {
                r = in.read(b, done, length - done);
            } catch (java.io.EOFException e) {
                r = -1; // a gzip stream cut short ends here
            }
            if (r < 0) {
                throw new IOException(source + ": offset " + (offset + done) + ": truncated " + what + ", expected "
                        + length + " bytes from offset " + offset + ", got " + done);
            }
            done += r;
        }
        return b;
    }
}
