package dev.crosslinkhub.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.DeployedHub;
import dev.crosslinkhub.support.HubClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A plan's stages move through crosslink's transitions; each move is announced, each illegal one refused. */
class OrchestrationIT extends DeployedHub {

    private static final Pattern STAGE_STATUS = Pattern.compile("\"([^\"]+)\":\"(pending|running|failed|blocked)\"");

    private String plan;

    private String stage(String suffix) {
        return plan + "-" + suffix;
    }

    private static String moves(List<String> messages) {
        return messages.stream().filter(m -> m.contains("execution_progress"))
                .map(m -> m.replaceAll(".*\"stage_id\":\"[^\"]*-(p\\d-s\\d)\",\"status\":\"([a-z]+)\".*", "$1:$2"))
                .collect(Collectors.joining(" "));
    }

    /** The execution is one per server: settle whatever an earlier run left so this one can start. */
    private void finishAnyExecution(Api api) {
        String status = api.get("api/v1/orchestrator/status").body();
        Matcher open = STAGE_STATUS.matcher(status.replaceAll(".*\"stage_statuses\":\\{([^}]*)}.*", "$1"));
        while (open.find()) {
            api.post("api/v1/orchestrator/stages/" + open.group(1) + "/skip", "");
        }
        if (api.get("api/v1/orchestrator/status").body().startsWith("{\"detail\":") && status.contains("\"status\":\"paused\"")) {
            api.post("api/v1/orchestrator/resume", "");
        }
    }

    private void assertMove(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
    }

    @Test
    void aPlanRunsThroughEveryTransitionAndEachIsAnnouncedOnce() {
        Api api = api();
        finishAnyExecution(api);
        HttpResponse<String> submitted = api.post("api/v1/orchestrator/plans", """
                {"document_slug":"release","source_document":"# Release","phases":[
                  {"title":"Build","stages":[{"title":"compile"},{"title":"test","depends_on":["compile"]}]},
                  {"title":"Ship","stages":[{"title":"package","depends_on":["compile"]},{"title":"deploy","depends_on":["test","package"]}]}]}""");
        assertEquals(200, submitted.statusCode(), submitted.body());
        plan = submitted.body().replaceAll(".*\"plan\":\\{.*?\"id\":\"([0-9a-f-]{36})\".*", "$1");
        assertTrue(api.get("api/v1/orchestrator/plans").body().contains("\"" + plan + "\""));
        assertTrue(api.get("api/v1/orchestrator/plan").body().contains("\"id\":\"" + stage("p1-s1") + "\""));

        try (HubClient client = HubClient.connect(api.webSocketUri())) {
            client.subscribe("execution").barrier();
            String started = api.post("api/v1/orchestrator/execute", "").body();
            assertTrue(started.startsWith("{\"detail\":") && started.contains("\"status\":\"running\"") && started.contains("\"progress_pct\":0"), started);
            assertMove(api.post("api/v1/orchestrator/execute", ""), 409);

            assertMove(api.post("api/v1/orchestrator/stages/" + stage("p0-s1") + "/running", "{\"agent_id\":\"w1\"}"), 409); // waits on compile
            assertMove(api.post("api/v1/orchestrator/stages/" + stage("p0-s0") + "/done", ""), 409);                          // not running yet
            assertMove(api.post("api/v1/orchestrator/stages/" + stage("p0-s0") + "/running", "{}"), 400);
            assertMove(api.post("api/v1/orchestrator/stages/" + stage("p0-s0") + "/running",
                    "{\"agent_id\":\"" + "w".repeat(257) + "\"}"), 400);                                                     // longer than stored
            assertMove(api.post("api/v1/orchestrator/stages/" + stage("p0-s0") + "/running", "{\"agent_id\":\"w1\"}"), 200);
            String done = api.post("api/v1/orchestrator/stages/" + stage("p0-s0") + "/done", "").body();
            assertEquals("{\"ok\":true,\"stage_id\":\"" + stage("p0-s0") + "\",\"newly_ready\":[\"" + stage("p0-s1") + "\",\""
                    + stage("p1-s0") + "\"],\"execution_complete\":false}", done);

            assertMove(api.post("api/v1/orchestrator/pause", ""), 200);
            assertMove(api.post("api/v1/orchestrator/stages/" + stage("p0-s1") + "/running", "{\"agent_id\":\"w2\"}"), 409);
            assertMove(api.post("api/v1/orchestrator/resume", ""), 200);

            assertMove(api.post("api/v1/orchestrator/stages/" + stage("p0-s1") + "/running", "{\"agent_id\":\"w2\"}"), 200);
            assertMove(api.post("api/v1/orchestrator/stages/" + stage("p0-s1") + "/failed", ""), 200);          // deploy is blocked
            assertTrue(api.get("api/v1/orchestrator/status").body().contains("\"status\":\"failed\""));
            assertMove(api.post("api/v1/orchestrator/stages/" + stage("p0-s1") + "/failed", ""), 409);
            String retried = api.post("api/v1/orchestrator/stages/" + stage("p0-s1") + "/retry", "").body();
            assertTrue(retried.endsWith("\"ready_to_launch\":true}"), retried);
            assertTrue(api.get("api/v1/orchestrator/status").body().contains("\"status\":\"running\""));

            assertMove(api.post("api/v1/orchestrator/stages/" + stage("p0-s1") + "/running", "{\"agent_id\":\"w2\"}"), 200);
            assertMove(api.post("api/v1/orchestrator/stages/" + stage("p0-s1") + "/done", ""), 200);
            assertMove(api.post("api/v1/orchestrator/stages/" + stage("p1-s0") + "/skip", ""), 200);
            assertMove(api.post("api/v1/orchestrator/stages/" + stage("p1-s1") + "/running", "{\"agent_id\":\"w3\"}"), 200);
            String last = api.post("api/v1/orchestrator/stages/" + stage("p1-s1") + "/done", "").body();
            assertTrue(last.endsWith("\"execution_complete\":true}"), last);
            String finished = api.get("api/v1/orchestrator/status").body();
            assertTrue(finished.contains("\"status\":\"done\"") && finished.contains("\"progress_pct\":100")
                    && finished.contains("\"stage_agents\":{\"" + stage("p0-s0") + "\":\"w1\""), finished);
            assertMove(api.post("api/v1/orchestrator/stages/nope/done", ""), 404);

            // the last move's event, not a barrier: a frame the hub answers may overtake events still on their way through the relay
            client.awaitContaining("\"stage_id\":\"" + stage("p1-s1") + "\",\"status\":\"done\"");
            assertEquals("p0-s0:running p0-s0:done p0-s1:running p0-s1:failed p1-s1:blocked p0-s1:pending p1-s1:pending "
                    + "p0-s1:running p0-s1:done p1-s0:skipped p1-s1:running p1-s1:done", moves(client.messages()));
            String running = client.messages().stream().filter(m -> m.contains("\"status\":\"running\"")).findFirst().orElseThrow();
            assertEquals("{\"seq\":2,\"agent_id\":\"w1\",\"phase_id\":\"" + stage("p0") + "\",\"plan_id\":\"" + plan
                    + "\",\"stage_id\":\"" + stage("p0-s0") + "\",\"status\":\"running\",\"type\":\"execution_progress\"}", running);
        }
    }

    @Test
    void badPlansAreRefusedAndNothingIsStored() {
        Api api = api();
        String before = api.get("api/v1/orchestrator/plans").body();
        for (String bad : List.of("{}", "{\"phases\":[]}", "{\"phases\":[{\"title\":\"p\",\"stages\":[]}]}",
                "{\"phases\":[{\"title\":\"p\",\"stages\":[{\"title\":\"a\",\"depends_on\":[\"ghost\"]}]}]}",
                "{\"phases\":[{\"title\":\"p\",\"stages\":[{\"title\":\"a\",\"depends_on\":[\"b\"]},{\"title\":\"b\",\"depends_on\":[\"a\"]}]}]}",
                "{\"phases\":[{\"title\":\"p\",\"stages\":[{\"title\":\"a\",\"agent_count\":\"two\"}]}]}")) {
            HttpResponse<String> response = api.post("api/v1/orchestrator/plans", bad);
            assertEquals(400, response.statusCode(), bad + " → " + response.body());
            assertTrue(response.body().contains("\"error\":\"bad request\""), response.body());
        }
        assertEquals(before, api.get("api/v1/orchestrator/plans").body());
        assertEquals(501, api.post("api/v1/orchestrator/decompose", "{\"document\":\"x\"}").statusCode());
    }
}
