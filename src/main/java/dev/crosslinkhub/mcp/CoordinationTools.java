package dev.crosslinkhub.mcp;

import dev.crosslinkhub.agents.AgentsResource;
import dev.crosslinkhub.agents.HeartbeatReport;
import dev.crosslinkhub.agents.HeartbeatsResource;
import dev.crosslinkhub.issues.IssueRequests.NewComment;
import dev.crosslinkhub.issues.IssueRequests.NewIssue;
import dev.crosslinkhub.issues.IssuesResource;
import dev.crosslinkhub.locks.LockClaim;
import dev.crosslinkhub.locks.LocksResource;
import dev.crosslinkhub.orchestration.OrchestratorResource;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Function;

/**
 * The coordination tools an agent calls over MCP. Each is a thin call into the REST API's own
 * resource, in the transaction that resource opens, so an MCP change is checked, stored and
 * announced on {@code /ws} exactly like a REST one, and its answer is the REST answer's JSON.
 */
@ApplicationScoped
public class CoordinationTools {

    private static final String ISSUE_ID = "\"issue_id\":{\"type\":\"integer\",\"description\":\"the issue's id\"}";
    private static final String AGENT_ID = "\"agent_id\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":256,\"description\":\"the calling agent's id\"}";
    private static final String STAGE_ID = "\"stage_id\":{\"type\":\"string\",\"minLength\":1,\"description\":\"the stage's id in the current plan\"}";

    @Inject
    LocksResource locks;

    @Inject
    HeartbeatsResource heartbeats;

    @Inject
    AgentsResource agents;

    @Inject
    IssuesResource issues;

    @Inject
    IssueFiling filing;

    @Inject
    OrchestratorResource orchestrator;

    @Inject
    EventWait events;

    @Inject
    ToolCalls calls;

    List<SyncToolSpecification> specifications(McpJsonMapper json) {
        return List.of(
                tool(json, "claim_lock", "Claim the lock on an issue for an agent. Atomic: of two agents racing, one wins; "
                        + "the other gets an error naming the holder. Claiming a lock one already holds is fine.",
                        schema(List.of("issue_id", "agent_id"), ISSUE_ID, AGENT_ID,
                                "\"branch\":{\"type\":\"string\",\"maxLength\":512,\"description\":\"the branch the agent works on\"}"),
                        args -> locks.claim(args.id("issue_id"), args.body(LockClaim.class, "agent_id", "branch"))),
                tool(json, "release_lock", "Release a lock the agent holds.",
                        schema(List.of("issue_id", "agent_id"), ISSUE_ID, AGENT_ID),
                        args -> locks.release(args.id("issue_id"), args.body(LockClaim.class, "agent_id"))),
                tool(json, "heartbeat", "Say the agent is alive, and which issue it works on.",
                        schema(List.of("agent_id"), AGENT_ID,
                                "\"active_issue_id\":{\"type\":\"integer\",\"description\":\"the issue the agent works on now\"}"),
                        args -> heartbeats.heartbeat(args.body(HeartbeatReport.class, "agent_id", "active_issue_id"))),
                tool(json, "list_issues", "Issues, newest first, filtered by status, label or a search in title and description.",
                        schema(List.of(),
                                "\"status\":{\"type\":\"string\",\"enum\":[\"open\",\"closed\",\"all\"]}",
                                "\"label\":{\"type\":\"string\"}",
                                "\"search\":{\"type\":\"string\"}",
                                "\"limit\":{\"type\":\"integer\",\"minimum\":1}"),
                        args -> issues.list(args.text("status"), args.text("label"), null, args.text("search"), null,
                                string(args.optionalInt("limit")), null)),
                tool(json, "get_issue", "One issue with its labels, comments, blockers and subissues.",
                        schema(List.of("id"), "\"id\":{\"type\":\"integer\"}"),
                        args -> issues.get(Long.toString(args.id("id"))).getEntity()),
                tool(json, "create_issue", "Create an issue, with its labels, in one transaction.",
                        schema(List.of("title"),
                                "\"title\":{\"type\":\"string\",\"minLength\":1}",
                                "\"description\":{\"type\":\"string\"}",
                                "\"priority\":{\"type\":\"string\",\"enum\":[\"low\",\"medium\",\"high\"]}",
                                "\"labels\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"minLength\":1}}"),
                        args -> filing.file(args.body(NewIssue.class, "title", "description", "priority"), args.texts("labels"))),
                tool(json, "comment", "Add a comment to an issue.",
                        schema(List.of("issue_id", "content"), ISSUE_ID, "\"content\":{\"type\":\"string\",\"minLength\":1}"),
                        args -> issues.comment(Long.toString(args.id("issue_id")), args.body(NewComment.class, "content"))),
                tool(json, "close_issue", "Close an issue.",
                        schema(List.of("id"), "\"id\":{\"type\":\"integer\"}"),
                        args -> issues.close(Long.toString(args.id("id")))),
                tool(json, "ready_issues", "Open issues nothing blocks any more: what an agent may take next.",
                        schema(List.of()),
                        args -> issues.ready(null, null)),
                tool(json, "list_locks", "Every lock: issue, holder, branch, and whether it is stale.",
                        schema(List.of()),
                        args -> locks.list(null, null)),
                tool(json, "list_agents", "Every agent the hub has heard from, with its status and the locks it holds.",
                        schema(List.of()),
                        args -> agents.list(null, null)),
                tool(json, "stage_running", "Report that an orchestration stage runs, and on which agent.",
                        schema(List.of("stage_id", "agent_id"), STAGE_ID, AGENT_ID),
                        args -> orchestrator.running(args.requiredText("stage_id"),
                                new OrchestratorResource.AgentAssignment(args.requiredText("agent_id")))),
                tool(json, "stage_done", "Report that an orchestration stage is done: answers which stages became ready.",
                        schema(List.of("stage_id"), STAGE_ID, AGENT_ID),
                        args -> orchestrator.done(args.requiredText("stage_id"))),
                tool(json, "stage_failed", "Report that an orchestration stage failed.",
                        schema(List.of("stage_id"), STAGE_ID, AGENT_ID),
                        args -> orchestrator.failed(args.requiredText("stage_id"))),
                tool(json, "wait_for_events", "The hub's events on the given channels after since (an event_id from an earlier "
                        + "answer; absent: from now), or, when there are none yet, the next one, waiting up to timeout_ms. "
                        + "Pass next_since back as since. A since the hub no longer holds answers type reset: re-read what you need.",
                        schema(List.of("channels"),
                                "\"channels\":{\"type\":\"array\",\"minItems\":1,\"items\":{\"type\":\"string\",\"minLength\":1},"
                                        + "\"description\":\"e.g. locks, issues, agents, execution\"}",
                                "\"since\":{\"type\":\"integer\",\"minimum\":0}",
                                "\"epoch\":{\"type\":\"integer\",\"description\":\"the epoch of since, from the same answer\"}",
                                "\"timeout_ms\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":30000}",
                                "\"max\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":100}"),
                        events::waitFor));
    }

    private static String string(Integer value) {
        return value == null ? null : value.toString();
    }

    /** An object schema with these properties, these required, no others allowed. */
    private static String schema(List<String> required, String... properties) {
        String names = String.join(",", required.stream().map(name -> "\"" + name + "\"").toList());
        return "{\"type\":\"object\",\"properties\":{" + String.join(",", properties) + "},\"required\":[" + names
                + "],\"additionalProperties\":false}";
    }

    private SyncToolSpecification tool(McpJsonMapper json, String name, String description, String schema,
                                       Function<ToolArguments, Object> call) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description).inputSchema(json, schema).build();
        return SyncToolSpecification.builder()
                .tool(tool)
                .callHandler((exchange, request) -> calls.answer(name, () -> call.apply(new ToolArguments(request.arguments()))))
                .build();
    }
}
