package dev.crosslinkhub.issues;

import static dev.crosslinkhub.api.WireValues.id;
import static dev.crosslinkhub.api.WireValues.parse;

import dev.crosslinkhub.api.Listing;
import dev.crosslinkhub.api.Page;
import dev.crosslinkhub.api.PageSizes;
import dev.crosslinkhub.api.RequestRejected;
import dev.crosslinkhub.issues.IssueRequests.IssuePatch;
import dev.crosslinkhub.issues.IssueRequests.NewBlocker;
import dev.crosslinkhub.issues.IssueRequests.NewComment;
import dev.crosslinkhub.issues.IssueRequests.NewIssue;
import dev.crosslinkhub.issues.IssueRequests.NewLabel;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** {@code /api/v1/issues}: crosslink's issue routes, in the order its contract lists them. */
@RequestScoped
@Path("issues")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IssuesResource {

    static final String TOTAL_COMMENTS = "X-Total-Comments";
    static final String TOTAL_SUBISSUES = "X-Total-Subissues";

    private static final Map<String, Boolean> OK = Map.of("ok", true);
    private static final String BODY = "a JSON body is required";

    @Inject
    IssueService issues;

    @Inject
    PageSizes pages;

    @GET
    public Listing<IssueSummary> list(@QueryParam("status") String status, @QueryParam("label") String label,
                                      @QueryParam("priority") String priority, @QueryParam("search") String search,
                                      @QueryParam("parent_id") String parentId,
                                      @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        IssueStatus statusFilter = status == null || status.equals("all") ? null
                : parse("status", status, IssueStatus.values());
        Priority priorityFilter = priority == null ? null : parse("priority", priority, Priority.values());
        return issues.list(statusFilter, label, priorityFilter, search == null || search.isBlank() ? null : search.trim(),
                parentId == null ? null : id("parent_id", parentId), pages.page(limit, offset));
    }

    @POST
    public IssueView create(@NotNull(message = BODY) NewIssue body) {
        return IssueView.of(issues.create(body));
    }

    @GET
    @Path("blocked")
    public Listing<IssueView> blocked(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return issues.blocked(pages.page(limit, offset));
    }

    @GET
    @Path("ready")
    public Listing<IssueView> ready(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return issues.ready(pages.page(limit, offset));
    }

    /**
     * crosslink's IssueDetail, carrying at most a page ({@code hub.api.max-page-size}) of comments
     * and of sub-issues; how many there are goes in headers, as a list's total does, so that the
     * body keeps crosslink's bytes. Page the rest with {@code /issues/{id}/comments} and
     * {@code /issues?parent_id=}.
     */
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        IssueService.DetailPage page = issues.detail(id("id", id), pages.max());
        return Response.ok(page.detail())
                .header(TOTAL_COMMENTS, page.comments())
                .header(TOTAL_SUBISSUES, page.subissues())
                .build();
    }

    @PATCH
    @Path("{id}")
    public IssueView update(@PathParam("id") String id, @NotNull(message = BODY) IssuePatch body) {
        return IssueView.of(issues.update(id("id", id), body));
    }

    @DELETE
    @Path("{id}")
    public Map<String, Boolean> delete(@PathParam("id") String id) {
        issues.delete(id("id", id));
        return OK;
    }

    @POST
    @Path("{id}/close")
    public IssueView close(@PathParam("id") String id) {
        return IssueView.of(issues.close(id("id", id)));
    }

    @POST
    @Path("{id}/reopen")
    public IssueView reopen(@PathParam("id") String id) {
        return IssueView.of(issues.reopen(id("id", id)));
    }

    @POST
    @Path("{id}/subissue")
    public IssueView subissue(@PathParam("id") String id, @NotNull(message = BODY) NewIssue body) {
        if (body.parentId() != null) {
            throw RequestRejected.badRequest("parent_id is not allowed here: the parent is the issue in the path");
        }
        return IssueView.of(issues.subissue(id("id", id), body));
    }

    @GET
    @Path("{id}/comments")
    public Listing<CommentView> comments(@PathParam("id") String id,
                                         @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        long issue = id("id", id);
        Page page = pages.page(limit, offset);
        issues.require(issue, "Issue #");
        return issues.comments(issue, page);
    }

    @POST
    @Path("{id}/comments")
    public CommentView comment(@PathParam("id") String id, @NotNull(message = BODY) NewComment body) {
        return CommentView.of(issues.comment(id("id", id), body));
    }

    @POST
    @Path("{id}/labels")
    public Map<String, Boolean> label(@PathParam("id") String id, @NotNull(message = BODY) NewLabel body) {
        issues.label(id("id", id), body.label());
        return OK;
    }

    @DELETE
    @Path("{id}/labels/{label}")
    public Map<String, Boolean> unlabel(@PathParam("id") String id, @PathParam("label") String label) {
        issues.unlabel(id("id", id), label);
        return OK;
    }

    @POST
    @Path("{id}/block")
    public Map<String, Boolean> block(@PathParam("id") String id, @NotNull(message = BODY) NewBlocker body) {
        issues.block(id("id", id), body.blockerId());
        return OK;
    }

    @DELETE
    @Path("{id}/block/{blockerId}")
    public Map<String, Boolean> unblock(@PathParam("id") String id, @PathParam("blockerId") String blockerId) {
        issues.unblock(id("id", id), id("blocker_id", blockerId));
        return OK;
    }
}
