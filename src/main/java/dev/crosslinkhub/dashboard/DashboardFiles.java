package dev.crosslinkhub.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files of a built single-page app in one folder: a request path names a file inside it, or,
 * when it names none and looks like a route of the app ({@code /issues/42}, no file extension),
 * the app's {@code index.html}, so deep links and reloads work. Nothing outside the folder is ever
 * answered, whatever the path says.
 */
final class DashboardFiles {

    static final String INDEX = "index.html";

    private final Path root;

    DashboardFiles(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    /** The file to answer {@code path} (the part after {@code /crosslink}, "/" for the app's root) with, if any. */
    Optional<Path> resolve(String path) {
        String relative = path == null ? "" : path.replaceFirst("^/+", "");
        boolean folder = relative.isEmpty() || relative.endsWith("/");
        Optional<Path> file = inside(folder ? relative + INDEX : relative);
        if (file.isPresent()) {
            return file;
        }
        String trimmed = relative.replaceFirst("/+$", "");
        String lastSegment = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        // A missing asset (app.js, logo.svg) is a 404, never the page: a browser would run HTML as a script.
        return lastSegment.contains(".") ? Optional.empty() : inside(INDEX);
    }

    private Optional<Path> inside(String relative) {
        try {
            Path candidate = root.resolve(relative).normalize();
            if (!candidate.startsWith(root) || !Files.isRegularFile(candidate)) {
                return Optional.empty();
            }
            Path real = candidate.toRealPath();
            return real.startsWith(root) ? Optional.of(real) : Optional.empty(); // no symbolic link out of the folder
        } catch (InvalidPathException | IOException notAFile) {
            return Optional.empty();
        }
    }
}
