package dev.crosslinkhub.api.direct;

import dev.crosslinkhub.api.ErrorBody;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A direct route's answer: a status, a JSON body, and the {@code Allow} header of a 405 (null otherwise). */
public record DirectAnswer(int status, byte[] json, String allow) {

    public static DirectAnswer json(int status, byte[] json) {
        return new DirectAnswer(status, json, null);
    }

    public static DirectAnswer error(int status, ErrorBody body) {
        return new DirectAnswer(status, body.bytes(), null);
    }

    /** The same answer through the servlet API, for the route's servlet: both ways answer alike. */
    public void writeTo(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        if (allow != null) {
            response.setHeader("Allow", allow);
        }
        response.setContentType("application/json");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }
}
