package dev.kirchhoff.datasets;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reader and writer of the IDX files in which LeCun, Cortes &amp; Burges distribute MNIST
 * ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-…}; format as
 * described on the MNIST page, http://yann.lecun.com/exdb/mnist/, and used by Fashion-MNIST).
 * Big-endian: bytes 0–1 are zero, byte 2 is the element type ({@code 0x08} = unsigned byte,
 * the only type read here), byte 3 the number of dimensions d, then d int32 sizes, then the
 * data. Images are {@code d = 3} (count, rows, cols); labels {@code d = 1} (count).
 *
 * <p>Files are read plain or gzipped (detected from the gzip magic {@code 1f 8b}, whatever the
 * name). Errors are {@link IOException}s naming the file and the byte offset (in the
 * uncompressed data) of the first thing that is wrong: bad magic, wrong dimension count,
 * truncated data, trailing bytes, a label out of range, or image and label counts that differ.
 */
public final class Idx {
    /** IDX element type code of unsigned bytes. */
    public static final int TYPE_UBYTE = 0x08;

    private Idx() {
    }

    /**
     * Reads an image file and a label file into one set.
     *
     * @param images  an idx3-ubyte file, gzipped or not
     * @param labels  an idx1-ubyte file, gzipped or not, with as many entries as images
     * @param classes labels must lie in {@code [0, classes)}; 10 for MNIST
     */
    public static ImageSet read(Path images, Path labels, int classes) throws IOException {
        if (classes <= 0 || classes > 256) {
            throw new IllegalArgumentException("classes must be in [1, 256], got " + classes);
        }
        int[] shape = new int[3];
        byte[] pixels;
        try (InputStream in = open(images)) {
            pixels = readArray(in, images.toString(), 3, shape);
        }
        int[] labelShape = new int[1];
        byte[] labelBytes;
        try (InputStream in = open(labels)) {
            labelBytes = readArray(in, labels.toString(), 1, labelShape);
        }
        if (labelShape[0] != shape[0]) {
            throw new IOException(labels + ": offset 4: " + labelShape[0] + " labels for " + shape[0] + " images in "
                    + images);
        }
        for (int i = 0; i < labelBytes.length; i++) {
            int label = labelBytes[i] & 0xFF;
            if (label >= classes) {
                throw new IOException(labels + ": offset " + (8 + i) + ": label " + label + " of image " + i
                        + " out of range [0, " + classes + ")");
            }
        }
        return new ImageSet(shape[1], shape[2], classes, pixels, labelBytes, true);
    }

    /**
     * Reads one unsigned-byte IDX array.
     *
     * @param in         the (uncompressed) IDX data; read to its end, not closed
     * @param sourceName the file's name, for error messages
     * @param dims       the number of dimensions the caller expects
     * @param shapeOut   modified: the d sizes; length = dims
     * @return the data, row-major
     */
    public static byte[] readArray(InputStream in, String sourceName, int dims, int[] shapeOut) throws IOException {
        if (shapeOut.length != dims) {
            throw new IllegalArgumentException("shapeOut.length must be dims = " + dims + ", got " + shapeOut.length);
        }
        byte[] magic = ImageSetFile.readFully(in, 4, sourceName, 0, "magic number");
        if (magic[0] != 0 || magic[1] != 0 || (magic[2] & 0xFF) != TYPE_UBYTE) {
            throw new IOException(sourceName + ": offset 0: bad magic " + String.format("%02x %02x %02x %02x",
                    magic[0], magic[1], magic[2], magic[3]) + ", expected 00 00 08 " + String.format("%02x", dims)
                    + " (unsigned-byte IDX)");
        }
        if (magic[3] != dims) {
            throw new IOException(sourceName + ": offset 3: " + magic[3] + " dimensions, expected " + dims);
        }
        byte[] sizes = ImageSetFile.readFully(in, 4 * dims, sourceName, 4, "dimension sizes");
        long total = 1;
        for (int d = 0; d < dims; d++) {
            int size = ((sizes[4 * d] & 0xFF) << 24) | ((sizes[4 * d + 1] & 0xFF) << 16)
                    | ((sizes[4 * d + 2] & 0xFF) << 8) | (sizes[4 * d + 3] & 0xFF);
            if (size < 0 || (d > 0 && size == 0)) {
                throw new IOException(sourceName + ": offset " + (4 + 4 * d) + ": dimension " + d + " has size " + size);
            }
            shapeOut[d] = size;
            total *= size;
            if (total > Integer.MAX_VALUE - 8) {
                throw new IOException(sourceName + ": offset " + (4 + 4 * d) + ": " + total
                        + " elements do not fit in one array");
            }
        }
        long dataOffset = 4 + 4L * dims;
        byte[] data = ImageSetFile.readFully(in, (int) total, sourceName, dataOffset, "data");
        int extra = in.read();
        if (extra != -1) {
            throw new IOException(sourceName + ": offset " + (dataOffset + total) + ": trailing bytes after "
                    + total + " data bytes");
        }
        return data;
    }

    /**
     * Writes a set as an image file and a label file (unsigned-byte IDX).
     *
     * @param set    the images (not modified)
     * @param images destination of the idx3-ubyte file
     * @param labels destination of the idx1-ubyte file
     * @param gzip   whether to gzip both files
     */
    public static void write(ImageSet set, Path images, Path labels, boolean gzip) throws IOException {
        try (OutputStream out = create(images, gzip)) {
            DataOutputStream data = new DataOutputStream(out);
            data.writeInt(TYPE_UBYTE << 8 | 3);
            data.writeInt(set.size());
            data.writeInt(set.rows());
            data.writeInt(set.cols());
            data.write(set.pixelArray());
            data.flush();
        }
        try (OutputStream out = create(labels, gzip)) {
            DataOutputStream data = new DataOutputStream(out);
            data.writeInt(TYPE_UBYTE << 8 | 1);
            data.writeInt(set.size());
            data.write(set.labelArray());
            data.flush();
        }
    }

    private static OutputStream create(Path path, boolean gzip) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        return gzip ? new GZIPOutputStream(out, 1 << 16) : out;
    }

    /** Opens a file, unzipping it when it starts with the gzip magic. */
    private static InputStream open(Path path) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }
}
