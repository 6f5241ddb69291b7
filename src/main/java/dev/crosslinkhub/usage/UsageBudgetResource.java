package dev.crosslinkhub.usage;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/v1/usage/budget}, what crosslink's dashboard reads and sets on its Usage page (crosslink's own server lacks it). */
@RequestScoped
@Path("usage/budget")
@Produces(MediaType.APPLICATION_JSON)
public class UsageBudgetResource {

    @Inject
    UsageBudgetService budget;

    @GET
    public UsageBudget.View get() {
        return budget.current();
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public UsageBudget.View patch(@NotNull(message = "a JSON body is required") String body) {
        return budget.change(UsageBudgetPatch.read(body));
    }
}
