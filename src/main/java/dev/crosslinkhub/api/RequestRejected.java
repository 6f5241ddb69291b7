package dev.crosslinkhub.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * A request the API turns down with crosslink's error shape. Thrown inside a transactional
 * service, it also rolls the transaction back, so a rejected request changes nothing.
 */
public class RequestRejected extends WebApplicationException {

    private RequestRejected(Response.Status status, String error, String detail) {
        super(detail, ErrorBody.respond(status, new ErrorBody(error, detail)));
    }

    public static RequestRejected notFound(String detail) {
        return new RequestRejected(Response.Status.NOT_FOUND, "not found", detail);
    }

    public static RequestRejected badRequest(String detail) {
        return new RequestRejected(Response.Status.BAD_REQUEST, "bad request", detail);
    }

    public static RequestRejected conflict(String detail) {
        return new RequestRejected(Response.Status.CONFLICT, "conflict", detail);
    }
}
