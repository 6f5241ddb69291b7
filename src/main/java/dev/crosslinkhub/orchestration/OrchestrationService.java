package dev.crosslinkhub.orchestration;

import static dev.crosslinkhub.api.WireValues.maxBytes;
import static dev.crosslinkhub.api.WireValues.required;

import dev.crosslinkhub.api.Listing;
import dev.crosslinkhub.api.Page;
import dev.crosslinkhub.api.RequestRejected;
import dev.crosslinkhub.events.ExecutionProgress;
import dev.crosslinkhub.events.StageStatus;
import dev.crosslinkhub.orchestration.NewPlan.NewPhase;
import dev.crosslinkhub.orchestration.NewPlan.NewStage;
import dev.crosslinkhub.orchestration.NewPlan.NewTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Plans and the execution of one of them. Every transition locks the execution row, checks the
 * stage's current status, and either moves it and announces {@code execution_progress} or is
 * refused with 409 and changes nothing.
 */
@ApplicationScoped
@Transactional
public class OrchestrationService {

    private static final Set<StageStatus> SETTLED = EnumSet.of(StageStatus.DONE, StageStatus.SKIPPED);

    @PersistenceContext(unitName = "hub")
    EntityManager em;

    @Inject
    Event<ExecutionProgress> progress;

    // ---- plans

    public StoredPlan submit(NewPlan request) {
        String planId = request.id() == null ? UUID.randomUUID().toString() : maxBytes("id", required("id", request.id()), 64);
        if (em.find(StoredPlan.class, planId) != null) {
            throw RequestRejected.conflict("Plan " + planId + " already exists");
        }
        if (request.phases() == null || request.phases().isEmpty()) {
            throw RequestRejected.badRequest("phases is required: a plan has at least one phase");
        }
        List<PlanDocument.Phase> phases = new ArrayList<>();
        Map<String, String> idsByName = new HashMap<>();
        Set<String> stageIds = new HashSet<>();
        List<List<String>> rawDependencies = new ArrayList<>();
        for (int p = 0; p < request.phases().size(); p++) {
            NewPhase phase = request.phases().get(p);
            String phaseId = phase.id() == null ? planId + "-p" + p : phase.id();
            if (phase.stages() == null || phase.stages().isEmpty()) {
                throw RequestRejected.badRequest("phases[" + p + "].stages is required: a phase has at least one stage");
            }
            List<PlanDocument.Stage> stages = new ArrayList<>();
            for (int s = 0; s < phase.stages().size(); s++) {
                NewStage stage = phase.stages().get(s);
                String where = "phases[" + p + "].stages[" + s + "]";
                String title = maxBytes(where + ".title", required(where + ".title", stage.title()), 512);
                String stageId = stage.id() == null ? phaseId + "-s" + s : stage.id();
                if (!stageIds.add(stageId)) {
                    throw RequestRejected.badRequest(where + ".id '" + stageId + "' is used twice");
                }
                idsByName.put(stageId, stageId);
                idsByName.putIfAbsent(title, stageId);
                List<PlanDocument.Task> tasks = new ArrayList<>();
                List<NewTask> newTasks = stage.tasks() == null ? List.of() : stage.tasks();
                for (int t = 0; t < newTasks.size(); t++) {
                    NewTask task = newTasks.get(t);
                    tasks.add(new PlanDocument.Task(task.id() == null ? stageId + "-t" + t : task.id(),
                            required(where + ".tasks[" + t + "].title", task.title()), task.description(),
                            task.complexityHours() == null ? 0 : task.complexityHours()));
                }
                rawDependencies.add(stage.dependsOn() == null ? List.of() : stage.dependsOn());
                stages.add(new PlanDocument.Stage(stageId, title, stage.description(), tasks, List.of(),
                        stage.agentCount() == null ? 1 : stage.agentCount(),
                        stage.complexityHours() == null ? 0 : stage.complexityHours()));
            }
            phases.add(new PlanDocument.Phase(phaseId, required("phases[" + p + "].title", phase.title()),
                    phase.description(), stages, phase.gateCriteria() == null ? List.of() : phase.gateCriteria()));
        }
        PlanDocument plan = withDependencies(planId, request.documentSlug(), phases, rawDependencies, idsByName);
        StoredPlan stored = new StoredPlan(plan, request.sourceDocument(), Instant.now());
        em.persist(stored);
        return stored;
    }

    private static PlanDocument withDependencies(String planId, String slug, List<PlanDocument.Phase> phases,
                                                 List<List<String>> rawDependencies, Map<String, String> idsByName) {
        List<PlanDocument.Phase> resolved = new ArrayList<>();
        Map<String, List<String>> graph = new LinkedHashMap<>();
        int index = 0;
        double hours = 0;
        for (PlanDocument.Phase phase : phases) {
            List<PlanDocument.Stage> stages = new ArrayList<>();
            for (PlanDocument.Stage stage : phase.stages()) {
                List<String> dependsOn = new ArrayList<>();
                for (String name : rawDependencies.get(index++)) {
                    String id = idsByName.get(name);
                    if (id == null || id.equals(stage.id())) {
                        throw RequestRejected.badRequest("stage '" + stage.id() + "' depends_on '" + name
                                + "', which is not another stage of this plan");
                    }
                    dependsOn.add(id);
                }
                graph.put(stage.id(), dependsOn);
                hours += stage.complexityHours();
                stages.add(new PlanDocument.Stage(stage.id(), stage.title(), stage.description(), stage.tasks(), dependsOn,
                        stage.agentCount(), stage.complexityHours()));
            }
            resolved.add(new PlanDocument.Phase(phase.id(), phase.title(), phase.description(), stages, phase.gateCriteria()));
        }
        for (String stage : graph.keySet()) {
            if (reaches(graph, stage, stage, new HashSet<>())) {
                throw RequestRejected.badRequest("stage '" + stage + "' depends on itself through depends_on");
            }
        }
        return new PlanDocument(planId, slug == null ? "untitled" : slug, resolved, Instant.now(), graph.size(), hours);
    }

    private static boolean reaches(Map<String, List<String>> graph, String from, String target, Set<String> seen) {
        for (String next : graph.getOrDefault(from, List.of())) {
            if (next.equals(target) || (seen.add(next) && reaches(graph, next, target, seen))) {
                return true;
            }
        }
        return false;
    }

    public Listing<String> planIds(Page page) {
        return page.of(em.createQuery("select p.id from StoredPlan p order by p.id", String.class),
                () -> em.createQuery("select count(p) from StoredPlan p", Long.class).getSingleResult());
    }

    public Optional<StoredPlan> plan(String id) {
        return Optional.ofNullable(em.find(StoredPlan.class, id));
    }

    /** The plan {@code execute} runs: the one submitted last. */
    public Optional<StoredPlan> currentPlan() {
        return em.createQuery("select p from StoredPlan p order by p.storedAt desc, p.id", StoredPlan.class)
                .setMaxResults(1).getResultStream().findFirst();
    }

    // ---- the execution

    public Optional<Execution> execution() {
        return Optional.ofNullable(em.find(Execution.class, Execution.THE_EXECUTION));
    }

    public List<StageRun> stages(String planId) {
        return em.createQuery("select s from StageRun s where s.planId = :plan order by s.position", StageRun.class)
                .setParameter("plan", planId).getResultList();
    }

    /** Starts the current plan (idle, or finished), or resumes a paused execution. */
    public Execution execute() {
        StoredPlan plan = currentPlan().orElseThrow(() -> RequestRejected.notFound("No plan found: submit one with POST /orchestrator/plans"));
        Execution execution = em.find(Execution.class, Execution.THE_EXECUTION, LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instant.now();
        if (execution == null) {
            execution = new Execution(plan.id());
            em.persist(execution);
        }
        switch (execution.state()) {
            case PAUSED -> {
                execution.moveTo(ExecutionState.RUNNING, now);
                return execution;
            }
            case RUNNING, FAILED -> throw RequestRejected.conflict("Cannot start execution: it is "
                    + execution.state().wireName() + (execution.state() == ExecutionState.FAILED ? "; retry or skip its failed stages" : ""));
            default -> {
                // idle, or done: start the current plan afresh
            }
        }
        em.createQuery("delete from StageRun s where s.planId = :plan").setParameter("plan", plan.id()).executeUpdate();
        int position = 0;
        for (PlanDocument.Phase phase : plan.plan().phases()) {
            for (PlanDocument.Stage stage : phase.stages()) {
                em.persist(new StageRun(plan.id(), phase.id(), stage, position++));
            }
        }
        execution.start(plan.id(), now);
        return execution;
    }

    public Execution pause() {
        Execution execution = lockExecution();
        if (execution.state() != ExecutionState.RUNNING) {
            throw RequestRejected.conflict("Cannot pause: execution is " + execution.state().wireName());
        }
        execution.moveTo(ExecutionState.PAUSED, Instant.now());
        return execution;
    }

    public Execution resume() {
        Execution execution = lockExecution();
        if (execution.state() != ExecutionState.PAUSED) {
            throw RequestRejected.conflict("Cannot resume: execution is " + execution.state().wireName());
        }
        execution.moveTo(ExecutionState.RUNNING, Instant.now());
        return execution;
    }

    /** What a transition did, for the route's answer. */
    public record Outcome(String stageId, List<String> newlyReady, boolean executionComplete, boolean readyToLaunch) {
    }

    public Outcome running(String stageId, String agentId) {
        Execution execution = lockExecution();
        StageRun stage = stage(execution, stageId);
        if (execution.state() != ExecutionState.RUNNING) {
            throw RequestRejected.conflict("Cannot mark stage running: execution is " + execution.state().wireName());
        }
        expect(stage, "mark stage running", StageStatus.PENDING);
        List<String> waitingOn = unsettledDependencies(execution, stage);
        if (!waitingOn.isEmpty()) {
            throw RequestRejected.conflict("Cannot mark stage running: " + stageId + " waits on " + String.join(", ", waitingOn));
        }
        stage.assign(agentId);
        move(stage, StageStatus.RUNNING);
        return new Outcome(stageId, List.of(), false, false);
    }

    public Outcome done(String stageId) {
        Execution execution = lockExecution();
        StageRun stage = stage(execution, stageId);
        expect(stage, "mark stage done", StageStatus.RUNNING);
        Set<String> readyBefore = ready(execution);
        move(stage, StageStatus.DONE);
        return new Outcome(stageId, newlyReady(execution, readyBefore), settle(execution), false);
    }

    public Outcome failed(String stageId) {
        Execution execution = lockExecution();
        StageRun stage = stage(execution, stageId);
        expect(stage, "mark stage failed", StageStatus.RUNNING);
        move(stage, StageStatus.FAILED);
        for (StageRun dependent : dependents(execution, stageId)) {
            if (dependent.status() == StageStatus.PENDING) {
                move(dependent, StageStatus.BLOCKED);
            }
        }
        execution.moveTo(ExecutionState.FAILED, Instant.now());
        boolean complete = stages(execution.planId()).stream()
                .noneMatch(s -> s.status() == StageStatus.PENDING || s.status() == StageStatus.RUNNING);
        return new Outcome(stageId, List.of(), complete, false);
    }

    public Outcome skip(String stageId) {
        Execution execution = lockExecution();
        StageRun stage = stage(execution, stageId);
        if (SETTLED.contains(stage.status())) {
            throw RequestRejected.conflict("Cannot skip stage: " + stageId + " is already " + stage.status().wireName());
        }
        Set<String> readyBefore = ready(execution);
        move(stage, StageStatus.SKIPPED);
        unblockDependents(execution, stageId);
        List<String> newlyReady = newlyReady(execution, readyBefore);
        settle(execution);
        return new Outcome(stageId, newlyReady, false, false);
    }

    public Outcome retry(String stageId) {
        Execution execution = lockExecution();
        StageRun stage = stage(execution, stageId);
        expect(stage, "retry stage", StageStatus.FAILED);
        move(stage, StageStatus.PENDING);
        unblockDependents(execution, stageId);
        boolean anyFailed = stages(execution.planId()).stream().anyMatch(s -> s.status() == StageStatus.FAILED);
        if (execution.state() == ExecutionState.FAILED && !anyFailed) {
            execution.moveTo(ExecutionState.RUNNING, Instant.now());
        }
        return new Outcome(stageId, List.of(), false, unsettledDependencies(execution, stage).isEmpty());
    }

    // ---- helpers; all run with the execution row locked

    private Execution lockExecution() {
        Execution execution = em.find(Execution.class, Execution.THE_EXECUTION, LockModeType.PESSIMISTIC_WRITE);
        if (execution == null) {
            throw RequestRejected.notFound("No execution in progress");
        }
        return execution;
    }

    private StageRun stage(Execution execution, String stageId) {
        StageRun stage = em.find(StageRun.class, stageId);
        if (stage == null || !stage.planId().equals(execution.planId())) {
            throw RequestRejected.notFound("Stage " + stageId + " is not part of the execution of plan " + execution.planId());
        }
        return stage;
    }

    private static void expect(StageRun stage, String what, StageStatus required) {
        if (stage.status() != required) {
            throw RequestRejected.conflict("Cannot " + what + ": " + stage.stageId() + " is " + stage.status().wireName()
                    + ", not " + required.wireName());
        }
    }

    private void move(StageRun stage, StageStatus next) {
        stage.moveTo(next);
        progress.fire(new ExecutionProgress(stage.planId(), stage.phaseId(), stage.stageId(), next, stage.agentId()));
    }

    private List<String> unsettledDependencies(Execution execution, StageRun stage) {
        Map<String, StageRun> byId = byId(execution);
        return stage.dependsOn().stream()
                .filter(dependency -> byId.containsKey(dependency) && !SETTLED.contains(byId.get(dependency).status()))
                .toList();
    }

    private Set<String> ready(Execution execution) {
        Set<String> ready = new HashSet<>();
        for (StageRun stage : stages(execution.planId())) {
            if (stage.status() == StageStatus.PENDING && unsettledDependencies(execution, stage).isEmpty()) {
                ready.add(stage.stageId());
            }
        }
        return ready;
    }

    private List<String> newlyReady(Execution execution, Set<String> readyBefore) {
        Set<String> now = ready(execution);
        return stages(execution.planId()).stream().map(StageRun::stageId)
                .filter(id -> now.contains(id) && !readyBefore.contains(id)).toList();
    }

    /** Every stage that waits, directly or through others, on {@code stageId}. */
    private List<StageRun> dependents(Execution execution, String stageId) {
        List<StageRun> all = stages(execution.planId());
        Set<String> found = new HashSet<>(Set.of(stageId));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (StageRun stage : all) {
                if (!found.contains(stage.stageId()) && stage.dependsOn().stream().anyMatch(found::contains)) {
                    found.add(stage.stageId());
                    grew = true;
                }
            }
        }
        return all.stream().filter(s -> found.contains(s.stageId()) && !s.stageId().equals(stageId)).toList();
    }

    /** Blocked dependents go back to pending once nothing they wait on has failed any more. */
    private void unblockDependents(Execution execution, String stageId) {
        for (StageRun dependent : dependents(execution, stageId)) {
            if (dependent.status() == StageStatus.BLOCKED && !waitsOnFailure(execution, dependent)) {
                move(dependent, StageStatus.PENDING);
            }
        }
    }

    private boolean waitsOnFailure(Execution execution, StageRun stage) {
        Map<String, StageRun> byId = byId(execution);
        List<String> pending = new ArrayList<>(stage.dependsOn());
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            StageRun upstream = byId.get(pending.remove(pending.size() - 1));
            if (upstream != null && seen.add(upstream.stageId())) {
                if (upstream.status() == StageStatus.FAILED) {
                    return true;
                }
                pending.addAll(upstream.dependsOn());
            }
        }
        return false;
    }

    /** Marks the execution done once every stage is done or skipped; says whether it is. */
    private boolean settle(Execution execution) {
        boolean complete = stages(execution.planId()).stream().allMatch(s -> SETTLED.contains(s.status()));
        if (complete) {
            execution.moveTo(ExecutionState.DONE, Instant.now());
        }
        return complete;
    }

    private Map<String, StageRun> byId(Execution execution) {
        Map<String, StageRun> byId = new HashMap<>();
        stages(execution.planId()).forEach(stage -> byId.put(stage.stageId(), stage));
        return byId;
    }
}
