package dev.crosslinkhub.mcp;

import dev.crosslinkhub.api.JsonbSettings;
import dev.crosslinkhub.issues.IssuesResource;
import dev.crosslinkhub.locks.LocksResource;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an agent may read without a tool call: {@code crosslink://locks} and
 * {@code crosslink://issues/{id}}, each the REST API's JSON for {@code GET /locks} and
 * {@code GET /issues/{id}}. A subscriber hears when one changes ({@link ResourceWatch}).
 */
@ApplicationScoped
public class CoordinationResources {

    static final String LOCKS = "crosslink://locks";
    static final String ISSUE_PREFIX = "crosslink://issues/";
    private static final Pattern ISSUE = Pattern.compile(Pattern.quote(ISSUE_PREFIX) + "(\\d{1,18})");
    private static final String JSON = "application/json";

    @Inject
    LocksResource locks;

    @Inject
    IssuesResource issues;

    List<SyncResourceSpecification> resources() {
        McpSchema.Resource all = McpSchema.Resource.builder().uri(LOCKS).name("locks")
                .description("Every lock: issue, holder, branch, and whether it is stale").mimeType(JSON).build();
        return List.of(new SyncResourceSpecification(all, (exchange, request) ->
                contents(request.uri(), JsonbSettings.restJsonb().toJson(locks.list(null, null)))));
    }

    List<SyncResourceTemplateSpecification> templates() {
        McpSchema.ResourceTemplate issue = McpSchema.ResourceTemplate.builder().uriTemplate(ISSUE_PREFIX + "{id}").name("issue")
                .description("One issue with its labels, comments, blockers and subissues").mimeType(JSON).build();
        return List.of(new SyncResourceTemplateSpecification(issue, (exchange, request) -> {
            Matcher id = ISSUE.matcher(request.uri());
            if (!id.matches()) {
                throw McpError.RESOURCE_NOT_FOUND.apply(request.uri());
            }
            try {
                return contents(request.uri(), JsonbSettings.restJsonb().toJson(issues.get(id.group(1)).getEntity()));
            } catch (WebApplicationException notThere) {
                throw McpError.RESOURCE_NOT_FOUND.apply(request.uri());
            }
        }));
    }

    private static McpSchema.ReadResourceResult contents(String uri, String json) {
        return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(uri, JSON, json)));
    }
}
