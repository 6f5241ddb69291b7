package dev.crosslinkhub.mcp;

import dev.crosslinkhub.api.ErrorBody;
import dev.crosslinkhub.api.JsonbSettings;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Runs one tool call and answers it as MCP does: the result's JSON as text, or a tool error
 * ({@code isError}) whose text is the REST API's error body for the same refusal, such as
 * {@code {"detail":"Issue #7 is locked by 'agent-1'","error":"conflict"}}. A refused call changed
 * nothing: the resource's transaction rolled back.
 */
@ApplicationScoped
public class ToolCalls {

    private static final Logger LOG = Logger.getLogger(ToolCalls.class.getName());

    /** JSON a tool built itself (events as the hub already encoded them), passed on as it is. */
    record RawJson(String text) {
    }

    CallToolResult answer(String tool, Supplier<Object> call) {
        try {
            Object result = call.get();
            String text = result instanceof RawJson raw ? raw.text() : JsonbSettings.restJsonb().toJson(result);
            return CallToolResult.builder().addTextContent(text).isError(false).build();
        } catch (WebApplicationException refused) {
            Object entity = refused.getResponse().getEntity();
            ErrorBody body = entity instanceof ErrorBody error ? error
                    : new ErrorBody(refused.getResponse().getStatusInfo().getReasonPhrase().toLowerCase(java.util.Locale.ROOT),
                    refused.getMessage());
            return error(JsonbSettings.restJsonb().toJson(body));
        } catch (ConstraintViolationException invalid) {
            String detail = invalid.getConstraintViolations().stream()
                    .map(ToolCalls::describe).sorted().collect(Collectors.joining("; "));
            return error(JsonbSettings.restJsonb().toJson(new ErrorBody("bad request", detail)));
        } catch (RuntimeException fault) {
            LOG.log(Level.WARNING, "event=mcp-tool-failed tool=" + tool, fault);
            return error(JsonbSettings.restJsonb().toJson(new ErrorBody("internal error", "the tool failed; the hub's log says why")));
        }
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        return path.substring(path.lastIndexOf('.') + 1) + " " + violation.getMessage();
    }

    private static CallToolResult error(String text) {
        return CallToolResult.builder().addTextContent(text).isError(true).build();
    }
}
