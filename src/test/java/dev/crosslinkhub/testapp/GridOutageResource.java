package dev.crosslinkhub.testapp;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * {@code POST /api/v1/test-grid/shutdown}: shuts this instance's Hazelcast data grid down under
 * the running hub, as when the grid fails on its own, so that a test can watch the relay fail
 * fast. Only in test deployments. Hazelcast is reached by reflection: on a server without it
 * (WildFly) the class still loads, and the route answers 404.
 */
@RequestScoped
@Path("test-grid")
@Produces(MediaType.APPLICATION_JSON)
public class GridOutageResource {

    @POST
    @Path("shutdown")
    public Response shutdown() {
        Object grid;
        try {
            grid = new InitialContext().lookup("payara/Hazelcast");
        } catch (NamingException noGrid) {
            return Response.status(404).entity("{\"error\":\"this server has no data grid\"}").build();
        }
        try {
            Class.forName("com.hazelcast.core.HazelcastInstance", true, grid.getClass().getClassLoader())
                    .getMethod("shutdown").invoke(grid);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot shut the data grid down", e);
        }
        return Response.ok("{\"grid\":\"shut down\"}").build();
    }
}
