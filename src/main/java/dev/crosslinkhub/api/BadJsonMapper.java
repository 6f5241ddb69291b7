package dev.crosslinkhub.api;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that is not JSON, or not the expected shape: 400 naming what was wrong. */
@Provider
public class BadJsonMapper implements ExceptionMapper<ProcessingException> {

    static final String NOT_JSON = "the body is not valid JSON";

    @Override
    public Response toResponse(ProcessingException exception) {
        return ErrorBody.badRequest(describe(exception));
    }

    public static String describe(Throwable exception) {
        StringBuilder detail = new StringBuilder();
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if ((cause instanceof JsonbException || cause instanceof JsonException) && cause.getMessage() != null) {
                if (!detail.isEmpty()) {
                    detail.append(": ");
                }
                detail.append(cause.getMessage());
            }
        }
        return detail.isEmpty() ? NOT_JSON : detail.toString();
    }
}
