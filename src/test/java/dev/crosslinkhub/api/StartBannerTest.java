package dev.crosslinkhub.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StartBannerTest {

    private static StartBanner banner(Optional<String> configuredToken, String databaseUrl) {
        ApiToken token = new ApiToken();
        token.configured = configuredToken;
        token.store = new MemoryTokenStore();
        token.load();
        StartBanner banner = new StartBanner();
        banner.token = token;
        banner.publicUrl = Optional.of("http://127.0.0.1:3100");
        banner.databaseUrl = databaseUrl;
        banner.logFile = Optional.of("/srv/hub/payara.log");
        banner.dashboardDir = Optional.empty();
        banner.dashboardHost = "dashboard.localhost";
        return banner;
    }

    @Test
    void aFirstRunIsToldWhereEverythingIsAndTheConsoleUrlCarriesTheGeneratedToken() {
        List<String> lines = banner(Optional.empty(), "jdbc:h2:file:/srv/hub/hub;WRITE_DELAY=0").lines();
        String token = lines.get(4).replaceAll("^  Token:     ([0-9a-f]{32}) .*$", "$1");
        assertEquals(List.of(
                "crosslink-hub is up",
                "  Console:   http://127.0.0.1:3100/?token=" + token,
                "  REST:      http://127.0.0.1:3100/api/v1",
                "  WebSocket: ws://127.0.0.1:3100/ws",
                "  Token:     " + token + "  (generated; set hub.api-token to fix it)",
                "  Data:      /srv/hub/hub.mv.db",
                "  Log:       /srv/hub/payara.log  (-Dhub.verbose=true shows it here)"), lines);
    }

    @Test
    void aConfiguredTokenAndADatabasePasswordAreNeverPrinted() {
        List<String> lines = banner(Optional.of("s3cret-token-0123456789"), "jdbc:postgresql://db:5432/hub?user=hub&password=pw").lines();
        assertTrue(lines.stream().noneMatch(line -> line.contains("s3cret-token") || line.contains("=pw")), lines.toString());
        assertTrue(lines.contains("  Console:   http://127.0.0.1:3100/  (paste hub.api-token)"), lines.toString());
    }

    @Test
    void withADashboardTheBannerNamesItsOwnHostOnTheHubsPortWithTheToken() {
        StartBanner banner = banner(Optional.empty(), "jdbc:h2:file:/srv/hub/hub;WRITE_DELAY=0");
        banner.dashboardDir = Optional.of("/srv/crosslink/dashboard/dist");
        List<String> lines = banner.lines();
        String token = lines.get(5).replaceAll("^  Token:     ([0-9a-f]{32}) .*$", "$1");
        assertEquals("  Dashboard: http://dashboard.localhost:3100/?token=" + token + "  (crosslink's own, from /srv/crosslink/dashboard/dist)",
                lines.get(2), lines.toString());
    }
}
