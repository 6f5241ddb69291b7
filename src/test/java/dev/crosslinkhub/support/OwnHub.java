package dev.crosslinkhub.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The {@link StandaloneHub} of one test class: started in a folder of its own before the class's
 * first test, stopped after its last, and the folder deleted. A class holds it in a static field:
 * {@code @RegisterExtension static final OwnHub hub = OwnHub.with("-Dhub.x=y");}
 */
public final class OwnHub implements BeforeAllCallback, AfterAllCallback {

    /** What a test puts in the folder before the hub starts, and the settings that point the hub at it. */
    @FunctionalInterface
    public interface Preparation {
        List<String> prepare(Path folder) throws IOException;
    }

    private final Preparation preparation;
    private Path folder;
    private StandaloneHub hub;

    private OwnHub(Preparation preparation) {
        this.preparation = preparation;
    }

    /** A hub on a database nobody has used, with {@code settings} (e.g. {@code -Dhub.x=y}) added. */
    public static OwnHub with(String... settings) {
        List<String> fixed = List.of(settings);
        return new OwnHub(folder -> fixed);
    }

    /** A hub started after {@code preparation} has written what it needs in the folder. */
    public static OwnHub preparedBy(Preparation preparation) {
        return new OwnHub(preparation);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        folder = Files.createTempDirectory("crosslink-hub-" + context.getRequiredTestClass().getSimpleName());
        hub = StandaloneHub.start(folder.resolve("hub"), preparation.prepare(folder));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (hub != null) {
                hub.close();
            }
        } finally {
            deleteFolder();
        }
    }

    /** The REST API of the hub, with the test token. */
    public Api api() {
        return started().api();
    }

    /** What the hub has written to its log so far. */
    public String log() {
        return started().log();
    }

    private StandaloneHub started() {
        if (hub == null) {
            throw new IllegalStateException("the hub starts before the class's first test");
        }
        return hub;
    }

    private void deleteFolder() throws IOException {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
