package dev.kirchhoff.datasets;

import java.util.Arrays;

/**
 * An immutable set of labelled greyscale images: {@code size()} images of {@code rows × cols}
 * unsigned 8-bit pixels, stored row-major and image after image in one {@code byte[]}, and one
 * label in {@code [0, classes)} per image.
 *
 * <p>Memory: {@code rows·cols + 1} bytes per image (785 for MNIST), no object per image.
 */
public final class ImageSet {
    private final int rows;
    private final int cols;
    private final int classes;
    private final byte[] pixels;
    private final byte[] labels;

    /**
     * Wraps copies of the given arrays.
     *
     * @param rows    image height in pixels, ≥ 1
     * @param cols    image width in pixels, ≥ 1
     * @param classes number of classes, 1..256
     * @param pixels  not modified: {@code labels.length·rows·cols} unsigned bytes, image after image, row-major
     * @param labels  not modified: one unsigned byte per image, each in {@code [0, classes)}
     */
    public ImageSet(int rows, int cols, int classes, byte[] pixels, byte[] labels) {
        this(rows, cols, classes, pixels.clone(), labels.clone(), true);
    }

    /** Takes ownership of the arrays (no copy); used by the readers in this package. */
    ImageSet(int rows, int cols, int classes, byte[] pixels, byte[] labels, boolean owned) {
        if (rows <= 0) {
            throw new IllegalArgumentException("rows must be positive, got " + rows);
        }
        if (cols <= 0) {
            throw new IllegalArgumentException("cols must be positive, got " + cols);
        }
        if (classes <= 0 || classes > 256) {
            throw new IllegalArgumentException("classes must be in [1, 256], got " + classes);
        }
        long expected = (long) labels.length * rows * cols;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("pixels.length must be labels.length·rows·cols = " + expected
                    + ", got " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xFF;
            if (label >= classes) {
                throw new IllegalArgumentException("labels[" + i + "] must be in [0, " + classes + "), got " + label);
            }
        }
        this.rows = rows;
        this.cols = cols;
        this.classes = classes;
        this.pixels = pixels;
        this.labels = labels;
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Image height in pixels. */
    public int rows() {
        return rows;
    }

    /** Image width in pixels. */
    public int cols() {
        return cols;
    }

    /** Pixels per image, {@code rows·cols}. */
    public int pixelsPerImage() {
        return rows * cols;
    }

    /** Number of classes; every label lies in {@code [0, classes)}. */
    public int classes() {
        return classes;
    }

    /** Label of image {@code i}. */
    public int label(int i) {
        return labels[i] & 0xFF;
    }

    /** Pixel {@code k} (row-major) of image {@code i}, in {@code [0, 255]}. */
    public int pixel(int i, int k) {
        if (k < 0 || k >= pixelsPerImage()) {
            throw new IndexOutOfBoundsException("pixel index " + k + " outside [0, " + pixelsPerImage() + ")");
        }
        return pixels[i * pixelsPerImage() + k] & 0xFF;
    }

    /**
     * Image {@code i} as intensities in [0, 1] (pixel/255).
     *
     * @param out modified: {@code out[k]} = pixel k / 255 for k &lt; rows·cols; length ≥ rows·cols
     */
    public void image(int i, double[] out) {
        int n = pixelsPerImage();
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException("image index " + i + " outside [0, " + size() + ")");
        }
        if (out.length < n) {
            throw new IllegalArgumentException("out.length must be at least " + n + ", got " + out.length);
        }
        int base = i * n;
        for (int k = 0; k < n; k++) {
            out[k] = (pixels[base + k] & 0xFF) * (1.0 / 255);
        }
    }

    /** Number of images of each class: {@code counts[c]} for c in {@code [0, classes)}. */
    public int[] classCounts() {
        int[] counts = new int[classes];
        for (byte label : labels) {
            counts[label & 0xFF]++;
        }
        return counts;
    }

    /**
     * The images at the given indices, in that order (copied).
     *
     * @param indices not modified: image indices in {@code [0, size())}; repeats allowed
     */
    public ImageSet subset(int[] indices) {
        int n = pixelsPerImage();
        byte[] p = new byte[indices.length * n];
        byte[] l = new byte[indices.length];
        for (int j = 0; j < indices.length; j++) {
            int i = indices[j];
            if (i < 0 || i >= size()) {
                throw new IllegalArgumentException("indices[" + j + "] must be in [0, " + size() + "), got " + i);
            }
            System.arraycopy(pixels, i * n, p, j * n, n);
            l[j] = labels[i];
        }
        return new ImageSet(rows, cols, classes, p, l, true);
    }

    /** A copy of all pixels, image after image, row-major, unsigned bytes. */
    public byte[] pixelsCopy() {
        return pixels.clone();
    }

    /** A copy of all labels, one unsigned byte per image. */
    public byte[] labelsCopy() {
        return labels.clone();
    }

    /** Package access to the pixel array without a copy (not modified by callers). */
    byte[] pixelArray() {
        return pixels;
    }

    /** Package access to the label array without a copy (not modified by callers). */
    byte[] labelArray() {
        return labels;
    }

    /** True when both sets hold the same shape, classes, pixels and labels in the same order. */
    public boolean sameContent(ImageSet other) {
        return rows == other.rows && cols == other.cols && classes == other.classes
                && Arrays.equals(pixels, other.pixels) && Arrays.equals(labels, other.labels);
    }

    @Override
    public String toString() {
        return "ImageSet[" + size() + " images of " + rows + "×" + cols + ", " + classes + " classes]";
    }
}
