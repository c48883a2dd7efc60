package dev.kirchhoff.plots;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Writes charts as PNG (for the HTML report and slides) and SVG (for papers: vector, text kept
 * as text). Drawing uses AWT: run the JVM headless ({@code -Djava.awt.headless=true}) on
 * machines without a display.
 */
public final class ChartFiles {
    private ChartFiles() {
    }

    /**
     * Writes {@code dir/baseName.png} and {@code dir/baseName.svg}, both of {@code widthPx} ×
     * {@code heightPx} (pixels; the SVG's user units). Each file is written whole to a temporary
     * file in {@code dir} and then renamed into place, so a reader never sees half a file;
     * existing files are replaced. {@code dir} is created if missing.
     *
     * @param chart    the chart (not modified, but drawn twice)
     * @param dir      target folder
     * @param baseName file name without extension: not blank, no path separator
     * @param widthPx  &gt; 0
     * @param heightPx &gt; 0
     * @throws IllegalArgumentException for a bad argument, naming it
     * @throws IOException              if a file cannot be written; no temporary file is left behind
     */
    public static void writePngAndSvg(JFreeChart chart, Path dir, String baseName, int widthPx, int heightPx)
            throws IOException {
        Checks.notNull(chart, "chart");
        Checks.notNull(dir, "dir");
        Checks.notBlank(baseName, "baseName");
        if (baseName.contains("/") || baseName.contains("\\") || baseName.equals(".") || baseName.equals("..")) {
            throw new IllegalArgumentException("baseName must be a plain file name, got \"" + baseName + "\"");
        }
        if (widthPx <= 0) {
            throw new IllegalArgumentException("widthPx must be > 0, got " + widthPx);
        }
        if (heightPx <= 0) {
            throw new IllegalArgumentException("heightPx must be > 0, got " + heightPx);
        }
        Files.createDirectories(dir);

        BufferedImage image = chart.createBufferedImage(widthPx, heightPx, BufferedImage.TYPE_INT_RGB, null);
        writeAtomically(dir, baseName + ".png", out -> {
            // An explicit memory cache: ImageIO's default for a stream is a temporary file marked
            // deleteOnExit, which throws "Shutdown in progress" when the JVM is stopping (Ctrl-C).
            try (ImageOutputStream png = new MemoryCacheImageOutputStream(out)) {
                if (!ImageIO.write(image, "png", png)) {
                    throw new IOException("no PNG writer in this JVM");
                }
            }
        });

        SVGGraphics2D g = new SVGGraphics2D(widthPx, heightPx);
        chart.draw(g, new Rectangle2D.Double(0, 0, widthPx, heightPx));
        // No DOCTYPE (getSVGDocument adds the SVG 1.0 one, which makes XML parsers fetch the DTD
        // from w3.org); a viewBox, so the figure scales when the HTML report sizes it with CSS.
        String element = g.getSVGElement(null, true, new ViewBox(0, 0, widthPx, heightPx), null, null);
        byte[] svg = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element + "\n")
                .getBytes(StandardCharsets.UTF_8);
        writeAtomically(dir, baseName + ".svg", out -> out.write(svg));
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path dir, String name, Writer writer) throws IOException {
        Path target = dir.resolve(name);
        // Not Files.createTempFile: it makes the file owner-only (0600), and the report is meant to be
        // shared; CREATE_NEW gives the usual permissions of the umask and still never clobbers.
        Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                writer.write(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
