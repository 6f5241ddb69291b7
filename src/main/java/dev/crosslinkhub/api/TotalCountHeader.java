package dev.crosslinkhub.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Every list answer also gives its total in {@code X-Total-Count}: in a header, because crosslink's
 * clients compare the JSON body byte for byte, and a route whose body is a bare array (the stored
 * plans) has nowhere else to say it. That route sets the header itself.
 */
@Provider
public class TotalCountHeader implements ContainerResponseFilter {

    public static final String NAME = "X-Total-Count";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Listing<?> listing) {
            response.getHeaders().putSingle(NAME, listing.total());
        }
    }
}
