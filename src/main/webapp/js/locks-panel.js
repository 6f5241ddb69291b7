// Locks: who holds which issue, since when; stale ones marked.

import * as clock from './clock.js';
import { byId, h, replaceChildren } from './dom.js';
import { ago, clockTime, fullTime, parseTime } from './format.js';
import { FLASH_MS, forgetOldChanges } from './flash.js';

/**
 * When a lock was claimed, in this browser's clock: from age_seconds (the server's own clock, which
 * keeps "since" right even if ours is off) where the answer has it, else from claimed_at.
 */
export function lockSince(lock, readAt) {
    return Number.isFinite(lock.age_seconds) ? readAt - lock.age_seconds * 1000 : parseTime(lock.claimed_at);
}

export class LocksPanel {
    /** @param {(issueId: number) => string | undefined} titleOf the issue's title, when the issues panel knows it */
    constructor(titleOf) {
        this.titleOf = titleOf;
        this.rows = byId('locks-rows');
        this.count = byId('locks-count');
        this.empty = byId('locks-empty');
        /** issue_id → lock, plus since: claim time in this browser's clock */
        this.locks = new Map();
        /** issue_id → {at, action, agent_id}: lock events newer than the last read */
        this.overrides = new Map();
        this.changedAt = new Map();
    }

    setData(listing, startedAt) {
        const readAt = clock.now();
        const locks = new Map();
        for (const lock of listing.items) {
            locks.set(lock.issue_id, { ...lock, since: lockSince(lock, readAt) });
        }
        for (const [issueId, override] of this.overrides) {
            if (override.at < startedAt) {
                this.overrides.delete(issueId);
            } else {
                applyOverride(locks, issueId, override);
            }
        }
        this.locks = locks;
        this.render();
    }

    apply(message) {
        const override = { at: clock.now(), action: message.action, agent_id: message.agent_id };
        const holder = this.locks.get(message.issue_id)?.agent_id;
        if (message.action === 'released' ? holder !== undefined : holder !== message.agent_id) {
            this.changedAt.set(message.issue_id, override.at); // flash real changes, not repeated notices
        }
        this.overrides.set(message.issue_id, override);
        applyOverride(this.locks, message.issue_id, override);
        this.render();
    }

    render() {
        const now = clock.now();
        forgetOldChanges(this.changedAt, now);
        const locks = [...this.locks.values()].sort((a, b) => b.since - a.since || a.issue_id - b.issue_id);
        replaceChildren(this.rows, locks.map((lock) => {
            const changed = this.changedAt.get(lock.issue_id) ?? 0;
            const flashing = now - changed < FLASH_MS;
            const title = this.titleOf(lock.issue_id);
            return h('tr', { data: { lockIssue: lock.issue_id, agentId: lock.agent_id, stale: lock.is_stale ? 'true' : 'false' },
                             class: [lock.is_stale ? 'row-stale' : null, flashing ? 'row-flash' : null],
                             style: flashing ? { animationDelay: `-${now - changed}ms` } : null },
                h('th', { scope: 'row', class: 'lock-issue' }, h('span', { class: 'mono' }, `#${lock.issue_id}`),
                    title ? h('span', { class: 'sub ellipsis', title }, title) : null),
                h('td', {}, h('span', { class: 'mono' }, lock.agent_id),
                    h('span', { class: 'sub mono' }, lock.branch || 'no branch')),
                h('td', {}, h('time', { datetime: lock.claimed_at ?? '', title: fullTime(lock.since), class: 'mono' },
                    clockTime(lock.since)),
                    h('span', { class: 'sub', data: { ago: lock.since } }, ago(lock.since, now))),
                h('td', {}, lock.is_stale
                    ? h('span', { class: 'badge badge-stale' }, 'stale')
                    : h('span', { class: 'badge badge-held' }, lock.pending ? 'claimed' : 'held')));
        }));
        const stale = locks.filter((lock) => lock.is_stale).length;
        this.count.textContent = locks.length ? `(${locks.length}${stale ? `, ${stale} stale` : ''})` : '';
        this.empty.hidden = locks.length > 0;
    }
}

function applyOverride(locks, issueId, override) {
    if (override.action === 'released') {
        locks.delete(issueId);
    } else if (!locks.has(issueId) || locks.get(issueId).agent_id !== override.agent_id) {
        // Known from the event alone until the next read brings branch and signer.
        locks.set(issueId, { issue_id: issueId, agent_id: override.agent_id, since: override.at,
                             claimed_at: new Date(override.at).toISOString(), is_stale: false, pending: true });
    }
}
