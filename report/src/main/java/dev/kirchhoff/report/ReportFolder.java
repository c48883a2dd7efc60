package dev.kirchhoff.report;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A report folder that appears whole or not at all: the report is written into a temporary
 * folder beside the target and swapped in when complete (the previous report is renamed aside,
 * the new one renamed into place, then the old one deleted). A failed or interrupted run deletes
 * its temporary folder and leaves the previous report as it was. The folder is readable by all
 * (rwxr-xr-x), like the files in it; a temporary folder alone would be private.
 */
final class ReportFolder {
    private ReportFolder() {
    }

    /**
     * Creates the temporary folder for a report that will become {@code target}.
     *
     * @throws IOException naming the folder when the target is a file or its parent cannot be
     *                     created or written
     */
    static Path prepare(Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new IOException(target + ": is a file, expected a report folder");
        }
        Path parent = abs.getParent();
        if (parent == null) {
            throw new IOException(target + ": cannot write a report at the file-system root");
        }
        try {
            Files.createDirectories(parent);
            Path temp = Files.createTempDirectory(parent, "." + abs.getFileName() + ".tmp-");
            if (Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return temp;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            throw new IOException(target + ": cannot write in " + parent + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /** Swaps the finished temporary folder into place of {@code target}. */
    static void commit(Path temp, Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path old = null;
        if (Files.exists(abs)) {
            old = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".old-");
            Files.delete(old);
            move(abs, old);
        }
        try {
            move(temp, abs);
        } catch (IOException e) {
            if (old != null) {
                move(old, abs);
            }
            throw e;
        }
        if (old != null) {
            delete(old);
        }
    }

    /** Deletes a folder and everything in it; quiet when it does not exist. */
    static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
