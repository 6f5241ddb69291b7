package dev.crosslinkhub.api;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What no other mapper handles. A concurrent update of the same row is a 409 the client can retry;
 * anything else is a 500 with a reference to the log, never a stack trace on the wire.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<RuntimeException> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(RuntimeException exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockException) {
                return ErrorBody.respond(Response.Status.CONFLICT,
                        new ErrorBody("conflict", "changed by another request at the same time; read it again and retry"));
            }
        }
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "request failed, reference " + reference, exception);
        return ErrorBody.respond(Response.Status.INTERNAL_SERVER_ERROR,
                new ErrorBody("internal error", "see the server log, reference " + reference));
    }
}
