package dev.crosslinkhub.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * crosslink's error shape, {@code {"error":…,"detail":…}}, {@code detail} omitted when null.
 */
public record ErrorBody(String error, String detail) {

    public static Response badRequest(String detail) {
        return respond(Response.Status.BAD_REQUEST, new ErrorBody("bad request", detail));
    }

    public static Response respond(Response.Status status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
