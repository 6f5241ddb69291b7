package dev.crosslinkhub.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.BadRequests;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.HubClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The budget crosslink's dashboard reads and sets on its Usage page: stored, checked, and announced on {@code dashboard}. */
class UsageBudgetIT extends DeployedHub {

    private static final String BUDGET = "api/v1/usage/budget";

    private static HttpResponse<String> patch(Api api, String json) {
        return api.send(api.request(BUDGET).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A daily limit no earlier run of this test set, so that the first patch is a change. */
    private static String freshDailyLimit() {
        return (System.nanoTime() % 100_000) + ".25";
    }

    private static long budgetEvents(HubClient client) {
        return client.messages().stream().filter(m -> m.contains("\"type\":\"usage_budget_changed\"")).count();
    }

    @Test
    void aPatchIsStoredAndAnnouncedAndWhatItLeavesOutStays() {
        Api api = api();
        String daily = freshDailyLimit();
        try (HubClient dashboard = HubClient.connect(api.webSocketUri())) {
            dashboard.subscribe("dashboard").barrier();

            HttpResponse<String> set = patch(api, "{\"daily_limit\":" + daily + ",\"monthly_limit\":null,\"alert_threshold_percent\":75}");
            String expected = "{\"alert_threshold_percent\":75.0,\"daily_limit\":" + daily + ",\"monthly_limit\":null}";
            assertEquals(200, set.statusCode(), set.body());
            assertEquals(expected, set.body());
            assertEquals(expected, api.get(BUDGET).body());
            String announced = dashboard.awaitContaining("usage_budget_changed");
            assertTrue(announced.matches("\\{\"seq\":\\d+,\"alert_threshold_percent\":75\\.0,\"daily_limit\":" + daily.replace(".", "\\.")
                    + ",\"type\":\"usage_budget_changed\"}"), announced);

            HttpResponse<String> monthly = patch(api, "{\"monthly_limit\":300}");
            assertEquals("{\"alert_threshold_percent\":75.0,\"daily_limit\":" + daily + ",\"monthly_limit\":300.0}", monthly.body());
            patch(api, "{\"monthly_limit\":300}"); // the same again: nothing changes, nothing is announced
            patch(api, "{\"monthly_limit\":null,\"alert_threshold_percent\":80}");
            dashboard.awaitContaining("\"alert_threshold_percent\":80.0,");
            dashboard.barrier();
            assertEquals(3, budgetEvents(dashboard), dashboard.messages().toString());
            assertEquals("{\"alert_threshold_percent\":80.0,\"daily_limit\":" + daily + ",\"monthly_limit\":null}", api.get(BUDGET).body());
        }
    }

    @Test
    void aBadPatchNamesTheFieldAndChangesNothing() {
        Api api = api();
        patch(api, "{\"daily_limit\":" + freshDailyLimit() + ",\"monthly_limit\":500,\"alert_threshold_percent\":60}");
        String before = api.get(BUDGET).body();
        try (HubClient dashboard = HubClient.connect(api.webSocketUri())) {
            dashboard.subscribe("dashboard").barrier();

            BadRequests.assertEachRefused(api, List.of(
                    new String[] {"PATCH", BUDGET, "{\"daily_limit\":-5}", "daily_limit"},
                    new String[] {"PATCH", BUDGET, "{\"daily_limit\":0}", "daily_limit"},
                    new String[] {"PATCH", BUDGET, "{\"monthly_limit\":\"lots\"}", "monthly_limit"},
                    new String[] {"PATCH", BUDGET, "{\"daily_limit\":1,\"alert_threshold_percent\":101}", "alert_threshold_percent"},
                    new String[] {"PATCH", BUDGET, "{\"alert_threshold_percent\":null}", "alert_threshold_percent"},
                    new String[] {"PATCH", BUDGET, "{\"alert_threshold_percent\":\"80\"}", "alert_threshold_percent"},
                    new String[] {"PATCH", BUDGET, "{\"daily_limit\":2,\"weekly_limit\":10}", "weekly_limit"},
                    new String[] {"PATCH", BUDGET, "{\"daily_limit\":", "not a JSON object"},
                    new String[] {"PATCH", BUDGET, "[80]", "not a JSON object"}));

            assertEquals(before, api.get(BUDGET).body());
            dashboard.barrier();
            assertEquals(0, budgetEvents(dashboard), dashboard.messages().toString());
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheBudget() {
        Api api = api();
        String document = api.send(HttpRequest.newBuilder(api.serverRoot().resolve("openapi")).GET()).body();
        assertTrue(document.contains("/api/v1/usage/budget") && document.contains("UsageBudget")
                && document.contains("alert_threshold_percent"), document.substring(0, Math.min(2000, document.length())));
    }
}
