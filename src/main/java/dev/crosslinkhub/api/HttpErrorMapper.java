package dev.crosslinkhub.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/**
 * Every HTTP error JAX-RS raises itself (unknown route, wrong method or media type, a body JSON-B
 * cannot read) in crosslink's JSON error shape rather than the server's HTML page.
 */
@Provider
public class HttpErrorMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        if (original.hasEntity()) {
            return original;
        }
        Response.StatusType status = original.getStatusInfo();
        String detail = BadJsonMapper.describe(exception);
        if (detail.equals(BadJsonMapper.NOT_JSON) && status.getStatusCode() != 400) {
            detail = null;
        }
        return Response.fromResponse(original)
                .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(status.getReasonPhrase().toLowerCase(Locale.ROOT), detail))
                .build();
    }
}
