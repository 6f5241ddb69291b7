package dev.crosslinkhub.orchestration;

import dev.crosslinkhub.api.ErrorBody;
import dev.crosslinkhub.api.Listing;
import dev.crosslinkhub.api.PageSizes;
import dev.crosslinkhub.api.RequestRejected;
import dev.crosslinkhub.api.TotalCountHeader;
import dev.crosslinkhub.api.WireValues;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.GenericEntity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/orchestrator}: plans, the execution, and stage transitions. */
@RequestScoped
@Path("orchestrator")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrchestratorResource {

    private static final String BODY = "a JSON body is required";

    @Inject
    OrchestrationService orchestration;

    @Inject
    PageSizes pages;

    /**
     * The stored plans' ids (crosslink lists file names, {@code plan} and {@code execution} among them; we list plans).
     * crosslink's body is a bare array, so the total of every match is only in {@code X-Total-Count}.
     */
    @GET
    @Path("plans")
    public Response plans(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Listing<String> ids = orchestration.planIds(pages.page(limit, offset));
        return Response.ok(new GenericEntity<List<String>>(ids.items()) { }).header(TotalCountHeader.NAME, ids.total()).build();
    }

    @POST
    @Path("plans")
    public StoredPlan.View submit(@NotNull(message = BODY) NewPlan plan) {
        return StoredPlan.View.of(orchestration.submit(plan));
    }

    @GET
    @Path("plans/{id}")
    public StoredPlan.View plan(@PathParam("id") String id) {
        return orchestration.plan(id).map(StoredPlan.View::of)
                .orElseThrow(() -> RequestRejected.notFound("Plan not found: " + id));
    }

    /** The current plan, or the JSON literal {@code null}. */
    @GET
    @Path("plan")
    public Response currentPlan() {
        return orchestration.currentPlan()
                .map(stored -> Response.ok(stored.plan()))
                .orElseGet(() -> Response.ok("null"))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** crosslink runs its {@code claude} CLI here; a server cannot, so plans are submitted whole. */
    @POST
    @Path("decompose")
    public Response decompose() {
        return ErrorBody.respond(Response.Status.NOT_IMPLEMENTED, new ErrorBody("not implemented",
                "this server does not run the claude CLI: submit the plan with POST /api/v1/orchestrator/plans"));
    }

    @GET
    @Path("status")
    public ExecutionStatus.Response status() {
        return orchestration.execution()
                .map(execution -> ExecutionStatus.Response.of(ExecutionStatus.of(execution, orchestration.stages(execution.planId()))))
                .orElseGet(ExecutionStatus.Response::idle);
    }

    /** crosslink reads agents' worktrees here; this server has none, so no agent reports. */
    @GET
    @Path("agents/poll")
    public Map<String, List<Object>> poll() {
        orchestration.execution().orElseThrow(() -> RequestRejected.notFound("No execution in progress"));
        return Map.of("agents", List.of());
    }

    @POST
    @Path("execute")
    public ExecutionStatus.Response execute() {
        orchestration.execute();
        return status();
    }

    @POST
    @Path("pause")
    public ExecutionStatus.Response pause() {
        orchestration.pause();
        return status();
    }

    @POST
    @Path("resume")
    public ExecutionStatus.Response resume() {
        orchestration.resume();
        return status();
    }

    public record AgentAssignment(String agentId) {
    }

    @POST
    @Path("stages/{id}/running")
    public Map<String, Object> running(@PathParam("id") String stageId, @NotNull(message = BODY) AgentAssignment body) {
        // as long as the stored column, as for every agent_id: a longer one is a 400, not a failed write
        String agentId = WireValues.maxBytes("agent_id", WireValues.required("agent_id", body.agentId()), 256);
        return answer(orchestration.running(stageId, agentId));
    }

    @POST
    @Path("stages/{id}/done")
    public Map<String, Object> done(@PathParam("id") String stageId) {
        OrchestrationService.Outcome outcome = orchestration.done(stageId);
        Map<String, Object> answer = answer(outcome);
        answer.put("newly_ready", outcome.newlyReady());
        answer.put("execution_complete", outcome.executionComplete());
        return answer;
    }

    @POST
    @Path("stages/{id}/failed")
    public Map<String, Object> failed(@PathParam("id") String stageId) {
        OrchestrationService.Outcome outcome = orchestration.failed(stageId);
        Map<String, Object> answer = answer(outcome);
        answer.put("execution_complete", outcome.executionComplete());
        return answer;
    }

    @POST
    @Path("stages/{id}/skip")
    public Map<String, Object> skip(@PathParam("id") String stageId) {
        OrchestrationService.Outcome outcome = orchestration.skip(stageId);
        Map<String, Object> answer = answer(outcome);
        answer.put("newly_ready", outcome.newlyReady());
        return answer;
    }

    @POST
    @Path("stages/{id}/retry")
    public Map<String, Object> retry(@PathParam("id") String stageId) {
        OrchestrationService.Outcome outcome = orchestration.retry(stageId);
        Map<String, Object> answer = answer(outcome);
        answer.put("ready_to_launch", outcome.readyToLaunch());
        return answer;
    }

    private static Map<String, Object> answer(OrchestrationService.Outcome outcome) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("stage_id", outcome.stageId());
        return answer;
    }
}
