package dev.crosslinkhub.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardFilesTest {

    @TempDir
    Path folder;

    private Path app;
    private DashboardFiles files;

    @BeforeEach
    void aBuiltApp() throws IOException {
        app = Files.createDirectories(folder.resolve("dist"));
        Files.writeString(app.resolve("index.html"), "<!doctype html>");
        Files.writeString(Files.createDirectories(app.resolve("assets")).resolve("app.js"), "");
        Files.writeString(folder.resolve("secret.txt"), "not the app's");
        files = new DashboardFiles(app);
    }

    private Optional<Path> file(String name) throws IOException {
        return Optional.of(app.resolve(name).toRealPath());
    }

    @Test
    void theRootAndEveryRouteOfTheAppAreItsPage() throws IOException {
        assertEquals(file("index.html"), files.resolve("/"));
        assertEquals(file("index.html"), files.resolve("/issues/42"));
        assertEquals(file("index.html"), files.resolve("/agents/worker-1/"));
    }

    @Test
    void anAssetIsItselfAndAMissingOneIsNothing() throws IOException {
        assertEquals(file("assets/app.js"), files.resolve("/assets/app.js"));
        assertEquals(Optional.empty(), files.resolve("/assets/gone.js"));
    }

    @Test
    void nothingOutsideTheFolderIsEverAnswered() throws IOException {
        assertEquals(Optional.empty(), files.resolve("/../secret.txt"));
        assertEquals(Optional.empty(), files.resolve("/assets/../../secret.txt"));
        Files.createSymbolicLink(app.resolve("link.txt"), folder.resolve("secret.txt"));
        assertEquals(Optional.empty(), files.resolve("/link.txt"));
    }
}
