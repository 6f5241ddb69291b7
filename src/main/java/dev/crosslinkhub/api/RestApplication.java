package dev.crosslinkhub.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API, under crosslink's {@code /api/v1}. */
@ApplicationPath("/api/v1")
public class RestApplication extends Application {
}
