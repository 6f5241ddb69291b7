package dev.crosslinkhub.search;

import dev.crosslinkhub.api.Listing;
import dev.crosslinkhub.api.RequestRejected;
import dev.crosslinkhub.issues.Comment;
import dev.crosslinkhub.issues.Issue;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/v1/search?q=}: crosslink's search over issues, then comments, case-insensitive.
 * crosslink also searches its git knowledge pages, which this server does not keep.
 */
@RequestScoped
@Transactional(Transactional.TxType.SUPPORTS)
@Path("search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    private static final int SNIPPET = 200;

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    /** crosslink's SearchResultItem; {@code issue_id} only for comments. */
    @JsonbNillable(false)
    public record Hit(String kind, String title, String snippet, String id, Long issueId) {
    }

    @GET
    public Listing<Hit> search(@QueryParam("q") String q) {
        if (q == null || q.isBlank()) {
            throw RequestRejected.badRequest("Search query 'q' cannot be empty");
        }
        String pattern = "%" + q.trim().toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%";
        List<Hit> hits = new ArrayList<>();
        for (Issue issue : em.createQuery("select i from Issue i where lower(i.title) like :q or lower(i.description) like :q"
                + " order by i.id desc", Issue.class).setParameter("q", pattern).getResultList()) {
            hits.add(new Hit("issue", issue.title(), snippet(issue.description() == null ? issue.title() : issue.description()),
                    String.valueOf(issue.id()), null));
        }
        for (Comment comment : em.createQuery("select c from Comment c where lower(c.content) like :q order by c.id desc",
                Comment.class).setParameter("q", pattern).getResultList()) {
            Issue issue = em.find(Issue.class, comment.issueId());
            hits.add(new Hit("comment", issue == null ? "" : issue.title(), snippet(comment.content()),
                    String.valueOf(comment.id()), comment.issueId()));
        }
        return Listing.of(hits);
    }

    private static String snippet(String text) {
        return text.length() <= SNIPPET ? text : text.substring(0, SNIPPET);
    }
}
