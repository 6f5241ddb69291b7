// The board: the four panels, each backed by a Resource read over REST, kept current by events.

import * as clock from './clock.js';
import { Resource } from './resource.js';
import { AgentsPanel } from './agents-panel.js';
import { LocksPanel } from './locks-panel.js';
import { IssuesPanel } from './issues-panel.js';
import { OrchestrationPanel, loadOrchestration } from './orchestration-panel.js';
import { ago, clockTime } from './format.js';

const NAMES = { agents: 'agents', locks: 'locks', issues: 'issues', orchestration: 'orchestration' };
/** Lock staleness grows with time, without an event: re-read locks this often anyway. */
const LOCKS_REREAD_MS = 30000;
/** The hub announces stage moves, not a plan's submission, start, pause or resume: poll for those. */
const ORCHESTRATION_REREAD_MS = 5000;

export class Board extends EventTarget {
    constructor(api, isLive) {
        super();
        this.wasSynced = false;
        this.agents = new AgentsPanel();
        this.issues = new IssuesPanel();
        this.locks = new LocksPanel((id) => this.issues.titleOf(id));
        this.orchestration = new OrchestrationPanel();
        const planCache = new Map();
        const freshness = (resource) => this.#showFreshness(resource);
        this.resources = {
            agents: new Resource(NAMES.agents, () => api.get('agents'), (d, t) => this.agents.setData(d, t), freshness),
            locks: new Resource(NAMES.locks, () => api.get('locks'), (d, t) => this.locks.setData(d, t), freshness),
            issues: new Resource(NAMES.issues, () => api.get('issues'), (d, t) => {
                this.issues.setData(d, t);
                this.locks.render(); // lock rows show issue titles
            }, freshness),
            orchestration: new Resource(NAMES.orchestration, () => loadOrchestration(api, planCache),
                (d, t) => this.orchestration.setData(d, t), freshness),
        };
        for (const resource of Object.values(this.resources)) {
            resource.isLive = isLive;
            resource.onUnauthorized = () => this.dispatchEvent(new Event('unauthorized'));
        }
        setInterval(() => isLive() && this.resources.locks.refresh(), LOCKS_REREAD_MS);
        setInterval(() => isLive() && this.resources.orchestration.refresh(), ORCHESTRATION_REREAD_MS);
    }

    /** Re-read everything: after (re)connecting and after a gap. */
    resyncAll() {
        Object.values(this.resources).forEach((resource) => resource.resync());
    }

    /** The stream is down: what is shown is no longer current. */
    markStale() {
        Object.values(this.resources).forEach((resource) => resource.markStale());
    }

    get synced() {
        return Object.values(this.resources).every((resource) => resource.freshness === 'live');
    }

    /** Applies a hub event: directly where the event says enough, and by re-reading what it does not say. */
    apply(message) {
        const { agents, locks, issues, orchestration } = this.resources;
        switch (message.type) {
            case 'heartbeat':
            case 'agent_status':
                if (this.agents.apply(message)) {
                    agents.refresh();
                }
                break;
            case 'lock_changed':
                this.locks.apply(message);
                this.agents.lockChanged(message);
                locks.refresh();
                agents.refresh(); // agents list their locks
                break;
            case 'issue_updated':
                this.issues.apply(message);
                issues.refresh();
                if (message.field === 'deleted') {
                    locks.refresh();
                }
                break;
            case 'execution_progress':
                this.orchestration.apply(message);
                orchestration.refresh();
                break;
            default:
                // gap and error are the caller's; other channels (an application's own events) only go to the log
        }
    }

    /** Once a second: relative times move on without re-rendering rows. */
    tick(now = clock.now()) {
        for (const element of document.querySelectorAll('[data-ago]')) {
            const text = ago(Number(element.dataset.ago), now);
            if (element.textContent !== text) {
                element.textContent = text;
            }
        }
        Object.values(this.resources).forEach((resource) => this.#showFreshness(resource));
    }

    #showFreshness(resource) {
        const panel = document.querySelector(`[data-panel="${resource.name}"]`);
        if (!panel) {
            return;
        }
        panel.dataset.freshness = resource.freshness;
        panel.setAttribute('aria-busy', String(resource.freshness === 'syncing'));
        const label = panel.querySelector('[data-freshness-label]');
        const read = resource.readAt ? clockTime(resource.readAt) : null;
        const text = {
            live: 'live',
            syncing: 'Re-reading…',
            stale: read ? `Not live · as of ${read}` : 'Not live · not read yet',
            error: `Read failed: ${resource.error}${read ? ` · as of ${read}` : ''}`,
        }[resource.freshness];
        if (label.textContent !== text) {
            label.textContent = text;
            label.title = read ? `Last read from the server at ${read}` : '';
        }
        const synced = this.synced;
        if (synced && !this.wasSynced) {
            this.dispatchEvent(new Event('synced'));
        }
        this.wasSynced = synced;
    }
}
