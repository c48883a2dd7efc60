package dev.kirchhoff.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a command's text output either to stdout or to a file that appears whole or not at
 * all: the text goes to a temporary file beside the target, renamed into place when complete.
 * An interrupted run (Ctrl-C) leaves the previous file untouched and no temporary file.
 */
final class AtomicOutput {
    /** Produces the output text. */
    @FunctionalInterface
    interface Body {
        void write(Writer w) throws IOException;
    }

    private AtomicOutput() {
    }

    /** Writes to {@code file}, or to {@code stdout} when {@code file} is null. */
    static void write(Path file, PrintWriter stdout, Body body) throws IOException {
        if (file == null) {
            body.write(stdout);
            stdout.flush();
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException(file + ": the folder does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a folder, expected a file name");
        }
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        } catch (IOException e) {
            throw new IOException(file + ": cannot write in " + dir + " (" + e.getClass().getSimpleName() + ")", e);
        }
        tmp.toFile().deleteOnExit();
        try {
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8), 1 << 16)) {
                body.write(w);
            }
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
