package dev.crosslinkhub.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * crosslink's rule: every route under {@code /api/} needs {@code Authorization: Bearer <token>},
 * unknown routes included, except {@code GET /api/v1/health}. Failure is 401 with a JSON body.
 */
@Provider
@PreMatching
@ApplicationScoped
public class BearerTokenFilter implements ContainerRequestFilter {

    @Inject
    ApiToken token;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.equals("health") || path.equals("/health")) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (!token.authorizes(header)) {
            request.abortWith(ErrorBody.respond(Response.Status.UNAUTHORIZED, new ErrorBody("unauthorized",
                    header == null ? "missing Authorization: Bearer <token> header" : "invalid bearer token")));
        }
    }
}
