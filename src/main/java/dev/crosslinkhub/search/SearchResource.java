package dev.crosslinkhub.search;

import dev.crosslinkhub.api.Listing;
import dev.crosslinkhub.api.Page;
import dev.crosslinkhub.api.PageSizes;
import dev.crosslinkhub.api.RequestRejected;
import dev.crosslinkhub.issues.Comment;
import dev.crosslinkhub.issues.Issue;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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

    @Inject
    PageSizes pages;

    /** crosslink's SearchResultItem; {@code issue_id} only for comments. */
    @JsonbNillable(false)
    public record Hit(String kind, String title, String snippet, String id, Long issueId) {
    }

    /** One list, issues then comments, paged across the two: a page may end in the issues and the next begin in the comments. */
    @GET
    public Listing<Hit> search(@QueryParam("q") String q, @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        if (q == null || q.isBlank()) {
            throw RequestRejected.badRequest("Search query 'q' cannot be empty");
        }
        Page page = pages.page(limit, offset);
        String pattern = "%" + q.trim().toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%";
        String issuesWhere = " from Issue i where lower(i.title) like :q or lower(i.description) like :q";
        String commentsWhere = " from Comment c where lower(c.content) like :q";

        List<Hit> hits = new ArrayList<>();
        for (Issue issue : page.rows(em.createQuery("select i" + issuesWhere + " order by i.id desc", Issue.class)
                .setParameter("q", pattern))) {
            hits.add(new Hit("issue", issue.title(), snippet(issue.description() == null ? issue.title() : issue.description()),
                    String.valueOf(issue.id()), null));
        }
        long issueTotal = page.total(hits.size(), () -> count("select count(i)" + issuesWhere, pattern));

        // the comments' part of the page: what the issues left of it, from where the issues ended
        Page commentPage = new Page(page.limit() - hits.size(), (int) Math.max(0, page.offset() - issueTotal));
        List<Comment> comments = commentPage.rows(em.createQuery("select c" + commentsWhere + " order by c.id desc", Comment.class)
                .setParameter("q", pattern));
        for (Comment comment : comments) {
            Issue issue = em.find(Issue.class, comment.issueId());
            hits.add(new Hit("comment", issue == null ? "" : issue.title(), snippet(comment.content()),
                    String.valueOf(comment.id()), comment.issueId()));
        }
        long commentTotal = commentPage.total(comments.size(), () -> count("select count(c)" + commentsWhere, pattern));
        return new Listing<>(hits, issueTotal + commentTotal);
    }

    private long count(String jpql, String pattern) {
        return em.createQuery(jpql, Long.class).setParameter("q", pattern).getSingleResult();
    }

    private static String snippet(String text) {
        return text.length() <= SNIPPET ? text : text.substring(0, SNIPPET);
    }
}
