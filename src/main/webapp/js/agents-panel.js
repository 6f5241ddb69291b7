// Agents: status badge, last heartbeat, active issue, locks held.

import * as clock from './clock.js';
import { byId, h, replaceChildren } from './dom.js';
import { FLASH_MS, forgetOldChanges } from './flash.js';
import { ago, fullTime, parseTime } from './format.js';

const STATUS_ORDER = { active: 0, idle: 1, stale: 2, unknown: 3 };
const STATUSES = Object.keys(STATUS_ORDER);

export function statusBadge(status) {
    const known = STATUSES.includes(status) ? status : 'unknown';
    return h('span', { class: ['badge', `badge-${known}`], data: { status: known } }, known);
}

export class AgentsPanel {
    constructor() {
        this.rows = byId('agents-rows');
        this.count = byId('agents-count');
        this.empty = byId('agents-empty');
        /** agent_id → agent as the API gives it, plus hb: last heartbeat in ms */
        this.agents = new Map();
        /** agent_id → {at, status?, hb?, activeIssueId?}: what events said, newer than the last read */
        this.overrides = new Map();
        /** agent_id → when its status last changed, to flash the row */
        this.changedAt = new Map();
    }

    setData(listing, startedAt) {
        const agents = new Map();
        for (const agent of listing.items) {
            agents.set(agent.agent_id, { ...agent, hb: parseTime(agent.last_heartbeat) });
        }
        for (const [id, override] of this.overrides) {
            if (override.at < startedAt) {
                this.overrides.delete(id); // the read saw it already
            } else {
                agents.set(id, applyOverride(agents.get(id) ?? placeholder(id), override));
            }
        }
        for (const [id, agent] of agents) {
            const before = this.agents.get(id);
            if (before && before.status !== agent.status) {
                this.changedAt.set(id, clock.now());
            }
        }
        this.agents = agents;
        this.render();
    }

    /** Applies what an event says at once; returns whether the list must be re-read too. */
    apply(message) {
        const id = message.agent_id;
        if (!id) {
            return false;
        }
        const known = this.agents.has(id);
        const override = this.overrides.get(id) ?? { at: 0 };
        override.at = clock.now();
        if (message.type === 'agent_status') {
            override.status = message.status;
            this.changedAt.set(id, clock.now());
        } else if (message.type === 'heartbeat') {
            override.hb = parseTime(message.timestamp);
            override.activeIssueId = message.active_issue_id ?? null;
        }
        this.overrides.set(id, override);
        this.agents.set(id, applyOverride(this.agents.get(id) ?? placeholder(id), override));
        this.render();
        return !known; // a new agent: its machine and locks come from the API
    }

    /** Lock events change an agent's "locks" column. */
    lockChanged(message) {
        const agent = this.agents.get(message.agent_id);
        if (!agent) {
            return;
        }
        const locks = new Set(agent.locks ?? []);
        if (message.action === 'claimed') {
            locks.add(message.issue_id);
        } else {
            locks.delete(message.issue_id);
        }
        agent.locks = [...locks].sort((a, b) => a - b);
        this.render();
    }

    render() {
        forgetOldChanges(this.changedAt);
        const agents = [...this.agents.values()].sort((a, b) =>
            (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9) || a.agent_id.localeCompare(b.agent_id));
        const now = clock.now();
        replaceChildren(this.rows, agents.map((agent) => {
            const changed = this.changedAt.get(agent.agent_id) ?? 0;
            const flashing = now - changed < FLASH_MS;
            return h('tr', { data: { agentId: agent.agent_id, status: agent.status }, class: flashing ? 'row-flash' : null,
                             style: flashing ? { animationDelay: `-${now - changed}ms` } : null },
                h('th', { scope: 'row' }, h('span', { class: 'mono' }, agent.agent_id),
                    agent.machine_id ? h('span', { class: 'sub' }, agent.machine_id) : null),
                h('td', {}, statusBadge(agent.status)),
                h('td', {}, h('time', { datetime: agent.last_heartbeat ?? '', title: fullTime(agent.hb), data: { ago: agent.hb } },
                    ago(agent.hb, now))),
                h('td', { class: 'mono' }, agent.active_issue_id != null ? `#${agent.active_issue_id}` : '–'),
                h('td', { class: 'mono' }, agent.locks?.length ? agent.locks.map((id) => `#${id}`).join(' ') : '–'));
        }));
        const counts = STATUSES.map((status) => [status, agents.filter((a) => a.status === status).length])
            .filter(([, n]) => n > 0).map(([status, n]) => `${n} ${status}`);
        this.count.textContent = agents.length ? `(${counts.join(', ')})` : '';
        this.empty.hidden = agents.length > 0;
    }
}

function placeholder(id) {
    return { agent_id: id, machine_id: '', status: 'unknown', last_heartbeat: null, hb: NaN, active_issue_id: null, locks: [] };
}

function applyOverride(agent, override) {
    const next = { ...agent };
    if (override.status) {
        next.status = override.status;
    }
    if (override.hb !== undefined) {
        next.hb = override.hb;
        next.last_heartbeat = Number.isFinite(override.hb) ? new Date(override.hb).toISOString() : null;
        next.active_issue_id = override.activeIssueId;
    }
    return next;
}
