package dev.crosslinkhub.mcp;

import dev.crosslinkhub.issues.IssueRequests.NewIssue;
import dev.crosslinkhub.issues.IssueRequests.NewLabel;
import dev.crosslinkhub.issues.IssueView;
import dev.crosslinkhub.issues.IssuesResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * {@code create_issue}: the issue and its labels in one transaction, where REST takes two
 * requests. A refused label leaves no issue behind, and nothing is announced.
 */
@ApplicationScoped
public class IssueFiling {

    @Inject
    IssuesResource issues;

    @Transactional
    public Object file(NewIssue issue, List<String> labels) {
        IssueView created = issues.create(issue);
        String id = Long.toString(created.id());
        for (String label : labels) {
            issues.label(id, new NewLabel(label));
        }
        return issues.get(id).getEntity(); // as get_issue answers: with its labels
    }
}
