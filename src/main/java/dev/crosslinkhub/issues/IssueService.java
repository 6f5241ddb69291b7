package dev.crosslinkhub.issues;

import static dev.crosslinkhub.api.WireValues.maxBytes;
import static dev.crosslinkhub.api.WireValues.parse;
import static dev.crosslinkhub.api.WireValues.required;

import dev.crosslinkhub.api.Listing;
import dev.crosslinkhub.api.Page;
import dev.crosslinkhub.api.RequestRejected;
import dev.crosslinkhub.events.IssueUpdated;
import dev.crosslinkhub.issues.IssueRequests.IssuePatch;
import dev.crosslinkhub.issues.IssueRequests.NewComment;
import dev.crosslinkhub.issues.IssueRequests.NewIssue;
import dev.crosslinkhub.storage.IdSequences;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Every change to issues, one transaction each, announced as {@code issue_updated} with crosslink's
 * {@code field} once it commits. A rejected request throws before anything is written, or rolls
 * back what was.
 */
@ApplicationScoped
@Transactional
public class IssueService {

    static final int TITLE_BYTES = 512;
    static final int DESCRIPTION_BYTES = 64 * 1024;
    static final int COMMENT_BYTES = 1024 * 1024;
    static final int LABEL_BYTES = 128;

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    Event<IssueUpdated> updates;

    @Inject
    IdSequences ids;

    public Issue create(NewIssue request) {
        Long parentId = request.parentId();
        if (parentId != null) {
            require(parentId, "Parent issue #");
        }
        Issue issue = newIssue(request.title(), request.description(), request.priority(), parentId);
        announce(issue.id(), "created");
        return issue;
    }

    public Issue subissue(long parentId, NewIssue request) {
        require(parentId, "Parent issue #");
        Issue child = newIssue(request.title(), request.description(), request.priority(), parentId);
        announce(parentId, "subissues");
        announce(child.id(), "created");
        return child;
    }

    private Issue newIssue(String title, String description, String priority, Long parentId) {
        String checkedTitle = maxBytes("title", required("title", title), TITLE_BYTES);
        String checkedDescription = maxBytes("description", description, DESCRIPTION_BYTES);
        Priority checkedPriority = priority == null ? Priority.MEDIUM : parse("priority", priority, Priority.LOW, Priority.MEDIUM, Priority.HIGH);
        Issue issue = new Issue(ids.next("hub_issue_ids"), checkedTitle, checkedDescription, checkedPriority, parentId, Instant.now());
        em.persist(issue);
        em.flush();
        return issue;
    }

    public Issue update(long id, IssuePatch patch) {
        Issue issue = require(id, "Issue #");
        if (patch.title() != null) {
            maxBytes("title", required("title", patch.title()), TITLE_BYTES);
        }
        issue.edit(patch.title(), maxBytes("description", patch.description(), DESCRIPTION_BYTES),
                patch.priority() == null ? null
                        : parse("priority", patch.priority(), Priority.LOW, Priority.MEDIUM, Priority.HIGH),
                Instant.now());
        announce(id, "updated");
        return issue;
    }

    public void delete(long id) {
        Issue issue = require(id, "Issue #");
        Instant now = Instant.now();
        for (Issue child : em.createQuery("select i from Issue i where i.parentId = :id", Issue.class)
                .setParameter("id", id).getResultList()) {
            child.orphan(now);
        }
        for (Issue blocked : blockedBy(id)) {
            blocked.blockerIds().remove(id);
            blocked.touch(now);
        }
        em.createQuery("delete from Comment c where c.issueId = :id").setParameter("id", id).executeUpdate();
        em.remove(issue);
        announce(id, "deleted");
    }

    public Issue close(long id) {
        Issue issue = require(id, "Issue #");
        issue.close(Instant.now());
        announce(id, "status");
        return issue;
    }

    public Issue reopen(long id) {
        Issue issue = require(id, "Issue #");
        issue.reopen(Instant.now());
        announce(id, "status");
        return issue;
    }

    public Comment comment(long id, NewComment request) {
        Issue issue = require(id, "Issue #");
        String content = maxBytes("content", required("content", request.content()), COMMENT_BYTES);
        CommentKind kind = request.kind() == null ? CommentKind.NOTE : parse("kind", request.kind(), CommentKind.values());
        if (kind == CommentKind.INTERVENTION && (request.triggerType() == null || request.triggerType().isBlank())) {
            throw RequestRejected.badRequest("trigger_type is required when comment kind is 'intervention'");
        }
        Instant now = Instant.now();
        Comment comment = new Comment(ids.next("hub_comment_ids"), id, content, kind, request.triggerType(), request.interventionContext(), now);
        em.persist(comment);
        issue.touch(now);
        em.flush();
        announce(id, "comments");
        return comment;
    }

    /** A label already there is kept as it is, and announced all the same, as crosslink does. */
    public void label(long id, String label) {
        Issue issue = require(id, "Issue #");
        issue.labels().add(maxBytes("label", required("label", label), LABEL_BYTES));
        issue.touch(Instant.now());
        announce(id, "labels");
    }

    public void unlabel(long id, String label) {
        Issue issue = require(id, "Issue #");
        if (!issue.labels().remove(label)) {
            throw RequestRejected.notFound("Label '" + label + "' not found on issue #" + id);
        }
        issue.touch(Instant.now());
        announce(id, "labels");
    }

    /** {@code blockerId} blocks {@code id}: refused when it is the same issue or would close a cycle. */
    public void block(long id, Long blockerId) {
        if (blockerId == null) {
            throw RequestRejected.badRequest("blocker_id is required");
        }
        Issue issue = require(id, "Issue #");
        require(blockerId, "Blocker issue #");
        if (blockerId == id) {
            throw RequestRejected.badRequest("An issue cannot block itself");
        }
        if (dependsOn(blockerId, id)) {
            throw RequestRejected.badRequest("Issue #" + blockerId + " already depends on issue #" + id
                    + "; blocking would create a circular dependency chain");
        }
        issue.blockerIds().add(blockerId);
        issue.touch(Instant.now());
        announce(id, "blockers");
    }

    public void unblock(long id, long blockerId) {
        Issue issue = require(id, "Issue #");
        if (!issue.blockerIds().remove(blockerId)) {
            throw RequestRejected.notFound("Issue #" + blockerId + " is not a blocker of issue #" + id);
        }
        issue.touch(Instant.now());
        announce(id, "blockers");
    }

    /** Whether {@code id} waits, directly or through other issues, on {@code target}. */
    private boolean dependsOn(long id, long target) {
        Deque<Long> pending = new ArrayDeque<>(List.of(id));
        Set<Long> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            Long next = pending.pop();
            if (next == target) {
                return true;
            }
            Issue issue = em.find(Issue.class, next);
            if (seen.add(next) && issue != null) {
                pending.addAll(issue.blockerIds());
            }
        }
        return false;
    }

    // ---- reads

    public Issue require(long id, String what) {
        Issue issue = em.find(Issue.class, id);
        if (issue == null) {
            throw RequestRejected.notFound(what + id + " not found");
        }
        return issue;
    }

    /** How many of these issues exist and are closed, in one query. */
    public long countClosed(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery("select count(i) from Issue i where i.id in :ids and i.status = :closed", Long.class)
                .setParameter("ids", ids).setParameter("closed", IssueStatus.CLOSED).getSingleResult();
    }

    public boolean exists(long id) {
        return em.find(Issue.class, id) != null;
    }

    /** crosslink's filters; {@code search} matches title, description or any comment, ignoring case. Newest first. */
    public Listing<IssueSummary> list(IssueStatus status, String label, Priority priority, String search, Long parentId, Page page) {
        StringBuilder where = new StringBuilder(" from Issue i where 1 = 1");
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (status != null) {
            where.append(" and i.status = :status");
            parameters.put("status", status);
        }
        if (label != null) {
            where.append(" and :label member of i.labels");
            parameters.put("label", label);
        }
        if (priority != null) {
            where.append(" and i.priority = :priority");
            parameters.put("priority", priority);
        }
        if (parentId != null) {
            where.append(" and i.parentId = :parent");
            parameters.put("parent", parentId);
        }
        if (search != null) {
            where.append(" and (lower(i.title) like :search or lower(i.description) like :search"
                    + " or exists (select c from Comment c where c.issueId = i.id and lower(c.content) like :search))");
            parameters.put("search", "%" + search.toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%");
        }
        TypedQuery<Issue> rows = em.createQuery("select distinct i" + where + " order by i.id desc", Issue.class);
        TypedQuery<Long> count = em.createQuery("select count(distinct i)" + where, Long.class);
        parameters.forEach((name, value) -> {
            rows.setParameter(name, value);
            count.setParameter(name, value);
        });
        return page.of(rows, count::getSingleResult).map(IssueSummary::of);
    }

    /** Open issues waiting on at least one open blocker, oldest first. */
    public Listing<IssueView> blocked(Page page) {
        return openIssues("in", page);
    }

    /** Open issues with no open blocker, oldest first. */
    public Listing<IssueView> ready(Page page) {
        return openIssues("not in", page);
    }

    /**
     * Open issues whose id is {@code in} or {@code not in} those waiting on an open blocker: decided in
     * the query so that it can page. An uncorrelated subquery, as EclipseLink refuses a correlated
     * {@code b.id member of i.blockerIds}.
     */
    private Listing<IssueView> openIssues(String test, Page page) {
        String where = " from Issue i where i.status = :open and i.id " + test
                + " (select j.id from Issue j join j.blockerIds blocker, Issue b where b.id = blocker and b.status = :open)";
        return page.of(em.createQuery("select i" + where + " order by i.id", Issue.class).setParameter("open", IssueStatus.OPEN),
                        () -> em.createQuery("select count(i)" + where, Long.class).setParameter("open", IssueStatus.OPEN).getSingleResult())
                .map(IssueView::of);
    }

    private List<Issue> blockedBy(long id) {
        return em.createQuery("select i from Issue i where :id member of i.blockerIds", Issue.class)
                .setParameter("id", id).getResultList();
    }

    /**
     * An issue's detail, in crosslink's shape, with its comments and sub-issues: all of them, or
     * the first {@code most} of each (oldest first, as the lists order them) with how many there are.
     */
    public DetailPage detail(long id, int most) {
        Issue issue = require(id, "Issue #");
        Bounded<Issue> subissues = firstOf(em.createQuery("select i from Issue i where i.parentId = :id order by i.id", Issue.class)
                .setParameter("id", id), most, () -> em.createQuery("select count(i) from Issue i where i.parentId = :id", Long.class)
                .setParameter("id", id).getSingleResult());
        Bounded<Comment> comments = firstOf(commentsOf(id), most, () -> commentCount(id));
        List<Long> blocking = new ArrayList<>(blockedBy(id).stream().map(Issue::id).sorted().toList());
        IssueDetail detail = new IssueDetail(issue.id(), issue.title(), issue.description(), issue.status(), issue.priority(),
                issue.parentId(), issue.createdAt(), issue.updatedAt(), issue.closedAt(), List.copyOf(issue.labels()),
                comments.rows().stream().map(CommentView::of).toList(), List.copyOf(issue.blockerIds()), blocking,
                subissues.rows().stream().map(IssueView::of).toList(), milestoneOf(id));
        return new DetailPage(detail, comments.total(), subissues.total());
    }

    /** A detail and how many comments and sub-issues its issue has, of which it carries at most a page. */
    public record DetailPage(IssueDetail detail, long comments, long subissues) {
    }

    private record Bounded<T>(List<T> rows, long total) {
    }

    /** The first {@code most} rows of {@code query}, and how many it has: counted only when there are more. */
    private static <T> Bounded<T> firstOf(TypedQuery<T> query, int most, LongSupplier count) {
        List<T> rows = query.setMaxResults(most + 1).getResultList();
        return rows.size() <= most ? new Bounded<>(rows, rows.size()) : new Bounded<>(rows.subList(0, most), count.getAsLong());
    }

    /**
     * Read by entity name rather than through the milestones feature, which depends on this one:
     * the two packages must not depend on each other.
     */
    private IssueDetail.MilestoneRef milestoneOf(long id) {
        return em.createQuery("select m.id, m.name, m.status from Milestone m where :id member of m.issueIds", Object[].class)
                .setParameter("id", id)
                .getResultStream()
                .findFirst()
                .map(row -> new IssueDetail.MilestoneRef(((Number) row[0]).longValue(), (String) row[1], (String) row[2]))
                .orElse(null);
    }

    public Listing<CommentView> comments(long id, Page page) {
        return page.of(commentsOf(id), () -> commentCount(id)).map(CommentView::of);
    }

    private long commentCount(long id) {
        return em.createQuery("select count(c) from Comment c where c.issueId = :id", Long.class).setParameter("id", id).getSingleResult();
    }

    private TypedQuery<Comment> commentsOf(long id) {
        return em.createQuery("select c from Comment c where c.issueId = :id order by c.createdAt, c.id", Comment.class)
                .setParameter("id", id);
    }

    private void announce(long id, String field) {
        updates.fire(new IssueUpdated(id, field));
    }
}
