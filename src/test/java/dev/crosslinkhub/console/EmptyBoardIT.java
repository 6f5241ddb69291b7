package dev.crosslinkhub.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.OwnHub;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A first run: the console of a hub whose database nobody has used yet, every panel current, no error anywhere on the board. */
class EmptyBoardIT {

    private static final List<String> PANELS = List.of("agents", "locks", "issues", "orchestration");

    @RegisterExtension
    static final OwnHub hub = OwnHub.with();

    private static Browser browser;

    @BeforeAll
    static void startTheBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void everyPanelIsCurrentAndSaysItIsEmptyWithoutAnError() {
        ConsolePage console = new ConsolePage(browser, hub.api().serverRoot());
        console.open();
        console.submitToken(Api.TOKEN);
        console.awaitConnection("live", ConsolePage.SOON);
        // Read means live, or an error shown: what the board then says is the test.
        console.await("every panel read", () -> PANELS.stream().map(console::freshness).allMatch(f -> "live".equals(f) || "error".equals(f)));

        String board = (String) browser.script("return document.body.innerText");
        for (String sign : List.of("failed", "error", "not iterable", "undefined", "nan", "null")) {
            assertTrue(!board.toLowerCase(Locale.ROOT).contains(sign), "'" + sign + "' on the board:\n" + board);
        }
        assertTrue(board.contains("No plan has been submitted."), board);
        assertTrue(console.boardLive(), board);
        browser.screenshot(Path.of("docs", "console-first-run.png"));
    }
}
