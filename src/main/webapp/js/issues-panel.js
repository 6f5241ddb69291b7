// Issues: open/closed, recently updated first; the field an event says changed is highlighted briefly.

import * as clock from './clock.js';
import { byId, h, replaceChildren } from './dom.js';
import { ago, fullTime, parseTime } from './format.js';
import { FLASH_MS } from './flash.js';

const SHOWN = 100;

/** Which cell shows each issue_updated field (crosslink's names); the rest flash the title cell. */
const CELL_OF_FIELD = { status: 'status', updated: 'title', labels: 'title', blockers: 'title', subissues: 'title',
                        milestone: 'title', comments: 'title', created: 'row' };

/** The issues the filter (all, open, closed) lets through, recently updated first (then newest first). */
export function shownIssues(issues, filter) {
    return issues.filter((issue) => filter === 'all' || issue.status === filter)
        .sort((a, b) => (b.updated || 0) - (a.updated || 0) || b.id - a.id);
}

export class IssuesPanel {
    constructor() {
        this.rows = byId('issues-rows');
        this.count = byId('issues-count');
        this.empty = byId('issues-empty');
        this.more = byId('issues-more');
        this.filter = 'all';
        this.issues = new Map();
        /** issue_id → {field, at}: the last change an event announced */
        this.lastChange = new Map();
        for (const radio of document.querySelectorAll('input[name="issue-status"]')) {
            radio.addEventListener('change', () => {
                this.filter = radio.value;
                this.render();
            });
        }
    }

    titleOf(issueId) {
        return this.issues.get(issueId)?.title;
    }

    setData(listing, startedAt) {
        const issues = new Map();
        for (const issue of listing.items) {
            issues.set(issue.id, { ...issue, updated: parseTime(issue.updated_at) });
        }
        for (const [id, change] of this.lastChange) {
            if (change.field === 'deleted' && change.at >= startedAt) {
                issues.delete(id);
            }
        }
        this.issues = issues;
        this.render();
    }

    apply(message) {
        this.lastChange.set(message.issue_id, { field: message.field, at: clock.now() });
        if (message.field === 'deleted') {
            this.issues.delete(message.issue_id);
        }
        this.render();
        // Render once more when the highlight is over, so that no row keeps it.
        clearTimeout(this.fadeTimer);
        this.fadeTimer = setTimeout(() => this.render(), FLASH_MS + 50);
    }

    render() {
        const now = clock.now();
        const all = [...this.issues.values()];
        const shown = shownIssues(all, this.filter);
        replaceChildren(this.rows, shown.slice(0, SHOWN).map((issue) => this.#row(issue, now)));
        const open = all.filter((issue) => issue.status === 'open').length;
        this.count.textContent = all.length ? `(${open} open, ${all.length - open} closed)` : '';
        this.empty.hidden = shown.length > 0;
        this.more.hidden = shown.length <= SHOWN;
        this.more.textContent = `Showing the ${SHOWN} most recently updated of ${shown.length}.`;
    }

    #row(issue, now) {
        const change = this.lastChange.get(issue.id);
        const elapsed = change ? now - change.at : Infinity;
        const flashing = elapsed < FLASH_MS;
        const cell = change ? CELL_OF_FIELD[change.field] ?? 'title' : null;
        // A negative delay resumes the animation where it was when the row is rebuilt.
        const flash = (name) => (flashing && (cell === name || name === 'change')
            ? { class: 'cell-flash', style: { animationDelay: `-${elapsed}ms` } } : {});
        const rowFlash = flashing && cell === 'row';
        return h('tr', { data: { issueId: issue.id, status: issue.status, lastField: change?.field },
                         class: rowFlash ? 'row-flash' : null, style: rowFlash ? { animationDelay: `-${elapsed}ms` } : null },
            h('td', { class: 'mono' }, `#${issue.id}`),
            h('td', { ...flash('title'), class: ['issue-title', flash('title').class] },
                h('span', {}, issue.title),
                (issue.labels ?? []).map((label) => h('span', { class: 'chip' }, label)),
                issue.blocker_count > 0 ? h('span', { class: 'chip chip-warn' }, `${issue.blocker_count} blocker${issue.blocker_count > 1 ? 's' : ''}`) : null),
            h('td', flash('status'), h('span', { class: ['badge', `badge-issue-${issue.status}`] }, issue.status)),
            h('td', {}, issue.priority ?? '–'),
            h('td', {}, h('time', { datetime: issue.updated_at ?? '', title: fullTime(issue.updated), data: { ago: issue.updated } },
                ago(issue.updated, now))),
            h('td', flash('change'), change ? h('span', { class: 'chip chip-field', data: { field: change.field } }, change.field) : '–'));
    }
}
