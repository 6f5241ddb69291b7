package dev.crosslinkhub.knowledge;

import dev.crosslinkhub.api.ErrorBody;
import dev.crosslinkhub.api.Listing;
import dev.crosslinkhub.api.RequestRejected;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /api/v1/knowledge}: an empty store that says why it stays empty. */
@RequestScoped
@Path("knowledge")
@Produces(MediaType.APPLICATION_JSON)
public class KnowledgeResource {

    @GET
    public Listing<Object> list() {
        return Listing.of(List.of());
    }

    @POST
    public Response create() {
        return ErrorBody.respond(Response.Status.NOT_IMPLEMENTED, new ErrorBody("not implemented",
                "knowledge pages live in crosslink's git hub branch; write them with the crosslink CLI"));
    }

    @GET
    @Path("search")
    public Listing<Object> search(@QueryParam("q") String q) {
        if (q == null || q.isBlank()) {
            throw RequestRejected.badRequest("Search query 'q' cannot be empty");
        }
        return Listing.of(List.of());
    }

    @GET
    @Path("{slug}")
    public Response page(@PathParam("slug") String slug) {
        throw RequestRejected.notFound("Page '" + slug + "' not found");
    }
}
