// Orchestration: the executing plan (or the newest plan, not started), phase by phase, stages as bars.

import * as clock from './clock.js';
import { byId, h, replaceChildren } from './dom.js';
import { FLASH_MS, forgetOldChanges } from './flash.js';

export const STAGE_STATUSES = ['pending', 'running', 'done', 'failed', 'skipped', 'blocked'];
const SETTLED = new Set(['done', 'skipped']);

/** Reads what the panel shows: the execution's status and its plan (plans never change once stored). */
export async function loadOrchestration(api, planCache) {
    const status = await api.get('orchestrator/status');
    if (status.detail?.stage_statuses) {
        // The status route spells stage statuses in capitals (PENDING) where events use crosslink's lower case.
        status.detail.stage_statuses = Object.fromEntries(Object.entries(status.detail.stage_statuses)
            .map(([stageId, stageStatus]) => [stageId, String(stageStatus).toLowerCase()]));
    }
    const planId = status.detail?.plan_id;
    let plan = null;
    if (planId) {
        plan = planCache.get(planId);
        if (!plan) {
            plan = (await api.get(`orchestrator/plans/${encodeURIComponent(planId)}`)).plan;
            planCache.set(planId, plan);
        }
    } else {
        plan = await api.get('orchestrator/plan'); // the newest plan, or null
    }
    return { status, plan };
}

export class OrchestrationPanel {
    constructor() {
        this.body = byId('orchestration-body');
        this.status = { status: 'idle', progress_pct: 0 };
        this.plan = null;
        /** stage_id → {at, status, agent_id}: transitions events announced after the last read began */
        this.overrides = new Map();
        this.changedAt = new Map();
    }

    setData({ status, plan }, startedAt) {
        this.status = status;
        this.plan = plan;
        const detail = status.detail;
        for (const [stageId, override] of this.overrides) {
            if (override.at < startedAt || !detail || override.planId !== detail.plan_id) {
                this.overrides.delete(stageId);
            } else {
                applyOverride(detail, stageId, override);
            }
        }
        this.render();
    }

    /** Applies a stage transition at once; returns whether the status must be re-read (it always is, for the state). */
    apply(message) {
        const detail = this.status.detail;
        const override = { at: clock.now(), planId: message.plan_id, status: message.status, agent_id: message.agent_id };
        this.overrides.set(message.stage_id, override);
        this.changedAt.set(message.stage_id, override.at);
        if (detail && detail.plan_id === message.plan_id) {
            applyOverride(detail, message.stage_id, override);
            this.render();
        }
    }

    render() {
        forgetOldChanges(this.changedAt);
        const plan = this.plan;
        if (!plan) {
            replaceChildren(this.body, h('p', { class: 'empty' }, 'No plan has been submitted.'));
            return;
        }
        const detail = this.status.detail?.plan_id === plan.id ? this.status.detail : null;
        const state = detail ? this.status.status : 'not started';
        const stages = plan.phases.flatMap((phase) => phase.stages);
        const statusOf = (stage) => detail?.stage_statuses?.[stage.id] ?? 'pending';
        const settled = stages.filter((stage) => SETTLED.has(statusOf(stage))).length;
        const percent = stages.length ? Math.floor((100 * settled) / stages.length) : 0;
        const now = clock.now();

        replaceChildren(this.body, [
            h('div', { class: 'plan-head', data: { planId: plan.id, state } },
                h('div', { class: 'plan-title' },
                    h('strong', {}, plan.document_slug || 'Plan'),
                    h('span', { class: 'sub mono', title: plan.id }, plan.id.slice(0, 8)),
                    h('span', { class: ['badge', `badge-exec-${state.replace(' ', '-')}`], data: { state } }, state)),
                progressBar(percent, `Plan progress: ${settled} of ${stages.length} stages settled`, 'plan-progress'),
                h('p', { class: 'plan-summary' }, `${settled} of ${stages.length} stages done or skipped`,
                    summaryCounts(stages.map(statusOf)))),
            plan.phases.map((phase) => {
                const statuses = phase.stages.map(statusOf);
                return h('section', { class: 'phase', data: { phaseId: phase.id }, 'aria-label': `Phase ${phase.title}` },
                    h('h3', {}, phase.title, h('span', { class: 'sub' }, `${statuses.filter((s) => SETTLED.has(s)).length}/${statuses.length}`)),
                    stackedBar(statuses, `Phase ${phase.title}`),
                    h('ol', { class: 'stages' }, phase.stages.map((stage) => {
                        const status = statusOf(stage);
                        const agent = detail?.stage_agents?.[stage.id];
                        const changed = this.changedAt.get(stage.id) ?? 0;
                        const flashing = now - changed < FLASH_MS;
                        return h('li', { class: ['stage', flashing ? 'row-flash' : null], data: { stageId: stage.id, status },
                                         style: flashing ? { animationDelay: `-${now - changed}ms` } : null },
                            h('span', { class: 'stage-title' }, stage.title,
                                stage.depends_on?.length ? h('span', { class: 'sub' }, `after ${stage.depends_on.map((id) => titleOf(plan, id)).join(', ')}`) : null),
                            h('span', { class: ['badge', `badge-stage-${status}`] }, status),
                            h('span', { class: 'stage-agent mono' }, agent ?? ''),
                            stageBar(status, stage.title));
                    })));
            }),
        ]);
    }
}

function applyOverride(detail, stageId, override) {
    detail.stage_statuses = { ...(detail.stage_statuses ?? {}), [stageId]: override.status };
    if (override.agent_id) {
        detail.stage_agents = { ...(detail.stage_agents ?? {}), [stageId]: override.agent_id };
    }
}

function titleOf(plan, stageId) {
    for (const phase of plan.phases) {
        for (const stage of phase.stages) {
            if (stage.id === stageId || stage.title === stageId) {
                return stage.title;
            }
        }
    }
    return stageId;
}

function progressBar(percent, label, className) {
    return h('div', { class: ['bar', className], role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100,
                      'aria-valuenow': percent, 'aria-label': label, title: `${percent}%` },
        h('span', { class: 'bar-fill', style: { width: `${percent}%` } }),
        h('span', { class: 'bar-text' }, `${percent}%`));
}

/** One bar per stage: how far along its status is (running is half-way, animated). */
function stageBar(status, title) {
    const percent = { pending: 0, blocked: 0, running: 50, done: 100, failed: 100, skipped: 100 }[status] ?? 0;
    return h('div', { class: ['bar', 'stage-bar', `bar-${status}`], role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100,
                      'aria-valuenow': percent, 'aria-valuetext': status, 'aria-label': `Stage ${title}` },
        h('span', { class: 'bar-fill', style: { width: `${percent}%` } }));
}

/** A phase as one bar split by stage status, so a glance shows what is done, running and stuck. */
function stackedBar(statuses, label) {
    const counts = STAGE_STATUSES.map((status) => [status, statuses.filter((s) => s === status).length]).filter(([, n]) => n);
    return h('div', { class: 'stacked', role: 'img',
                      'aria-label': `${label}: ${counts.map(([status, n]) => `${n} ${status}`).join(', ')}` },
        counts.map(([status, n]) => h('span', { class: `seg seg-${status}`, title: `${n} ${status}`,
                                                  style: { flexGrow: String(n) } })));
}

function summaryCounts(statuses) {
    const counts = STAGE_STATUSES.map((status) => [status, statuses.filter((s) => s === status).length])
        .filter(([status, n]) => n && !SETTLED.has(status));
    return counts.length ? ` · ${counts.map(([status, n]) => `${n} ${status}`).join(', ')}` : '';
}
