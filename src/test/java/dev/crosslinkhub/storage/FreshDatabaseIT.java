package dev.crosslinkhub.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crosslinkhub.support.Api;
import dev.crosslinkhub.support.OwnHub;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A hub started on a database nobody has used numbers what crosslink numbers from 1, as crosslink does. */
class FreshDatabaseIT {

    @RegisterExtension
    static final OwnHub hub = OwnHub.with();

    @Test
    void theFirstOfEachKindIsNumberOne() {
        Api api = hub.api();
        assertEquals(1, api.createIssue("the first issue"));
        assertEquals(2, api.createIssue("the second issue"));
        assertEquals(1, idOf(api.post("api/v1/issues/1/comments", "{\"content\":\"a first comment\"}")));
        assertEquals(1, idOf(api.post("api/v1/milestones", "{\"name\":\"m1\"}")));
        assertEquals(1, idOf(api.post("api/v1/sessions/start", "{\"agent_id\":\"worker-1\"}")));
        assertEquals(1, idOf(api.post("api/v1/usage", "{\"agent_id\":\"worker-1\",\"input_tokens\":1,\"output_tokens\":1}")));
    }

    private static long idOf(HttpResponse<String> created) {
        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(created.body());
        if (created.statusCode() / 100 != 2 || !id.find()) {
            throw new AssertionError("not created: " + created.statusCode() + " " + created.body());
        }
        return Long.parseLong(id.group(1));
    }
}
