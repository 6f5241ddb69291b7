package dev.crosslinkhub.api;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

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

    /**
     * Answers a request served outside JAX-RS (a servlet or a filter) with this body, byte for
     * byte as the REST API sends it: its keys in order, {@code detail} left out when null.
     */
    public void writeTo(HttpServletResponse response, int status) throws IOException {
        byte[] bytes = bytes();
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** This body as the REST API sends it: its keys in order, {@code detail} left out when null. */
    public byte[] bytes() {
        JsonObjectBuilder json = Json.createObjectBuilder();
        if (detail != null) {
            json.add("detail", detail);
        }
        return json.add("error", error).build().toString().getBytes(StandardCharsets.UTF_8);
    }
}
