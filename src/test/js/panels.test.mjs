import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shownIssues } from '../../main/webapp/js/issues-panel.js';
import { lockSince } from '../../main/webapp/js/locks-panel.js';
import { loadOrchestration } from '../../main/webapp/js/orchestration-panel.js';

const ISSUES = [
    { id: 1, status: 'open', updated: 300 },
    { id: 2, status: 'closed', updated: 500 },
    { id: 3, status: 'open', updated: NaN }, // never updated: last
    { id: 4, status: 'open', updated: 300 }, // same time as #1: the newer issue first
    { id: 5, status: 'closed', updated: 100 },
];

test('issues: all, recently updated first, then the newer issue first', () => {
    assert.deepEqual(shownIssues(ISSUES, 'all').map((issue) => issue.id), [2, 4, 1, 5, 3]);
});

test('issues: the open or the closed ones only', () => {
    assert.deepEqual(shownIssues(ISSUES, 'open').map((issue) => issue.id), [4, 1, 3]);
    assert.deepEqual(shownIssues(ISSUES, 'closed').map((issue) => issue.id), [2, 5]);
});

test("a lock's age from the server's clock wins over claimed_at", () => {
    const readAt = Date.UTC(2024, 0, 1, 12, 0, 0);
    assert.equal(lockSince({ age_seconds: 90, claimed_at: '2020-01-01T00:00:00Z' }, readAt), readAt - 90_000);
    assert.equal(lockSince({ age_seconds: 0 }, readAt), readAt);
    assert.equal(lockSince({ claimed_at: '2024-01-01T11:00:00Z' }, readAt), Date.UTC(2024, 0, 1, 11, 0, 0));
    assert.ok(Number.isNaN(lockSince({}, readAt)));
});

function fakeApi(answers) {
    const asked = [];
    return {
        asked,
        async get(path) {
            asked.push(path);
            if (!(path in answers)) {
                throw new Error(`unexpected ${path}`);
            }
            return structuredClone(answers[path]);
        },
    };
}

test('orchestration: stage statuses in lower case as events spell them, the plan read once', async () => {
    const api = fakeApi({
        'orchestrator/status': { status: 'running', detail: { plan_id: 'p/1', stage_statuses: { s0: 'RUNNING', s1: 'PENDING' } } },
        'orchestrator/plans/p%2F1': { plan: { id: 'p/1', phases: [] } },
    });
    const cache = new Map();
    const first = await loadOrchestration(api, cache);
    assert.deepEqual(first.status.detail.stage_statuses, { s0: 'running', s1: 'pending' });
    assert.deepEqual(first.plan, { id: 'p/1', phases: [] });
    const second = await loadOrchestration(api, cache);
    assert.equal(second.plan, first.plan);
    assert.deepEqual(api.asked, ['orchestrator/status', 'orchestrator/plans/p%2F1', 'orchestrator/status']);
});

test('orchestration: nothing executing shows the newest plan', async () => {
    const api = fakeApi({ 'orchestrator/status': { status: 'idle' }, 'orchestrator/plan': null });
    assert.deepEqual(await loadOrchestration(api, new Map()), { status: { status: 'idle' }, plan: null });
});
