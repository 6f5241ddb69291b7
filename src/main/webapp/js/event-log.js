// The live event log (bounded, pausable, filtered per channel) and the events-per-second sparkline.

import * as clock from './clock.js';
import { byId, h, replaceChildren } from './dom.js';
import { clockTime, plural } from './format.js';

export const LOG_LIMIT = 500;
const RENDER_EVERY_MS = 200; // a flood of thousands of events a second renders five times a second
const SPARK_SECONDS = 60;

const CHANNEL_OF_TYPE = {
    heartbeat: 'agents', agent_status: 'agents',
    issue_updated: 'issues',
    lock_changed: 'locks',
    execution_progress: 'execution',
    gap: 'hub', error: 'hub', connection: 'hub',
};
/** crosslink's four channels, the hub's own notices, and everything else (applications' own channels). */
export const LOG_CHANNELS = ['agents', 'issues', 'locks', 'execution', 'hub', 'other'];

export function channelOf(type) {
    // Own keys only: an application's type "constructor" or "toString" is not one of crosslink's.
    return Object.hasOwn(CHANNEL_OF_TYPE, type) ? CHANNEL_OF_TYPE[type] : 'other';
}

/** The rows the log shows: the shown channels' entries (each channel's last `limit`), newest first, `limit` at most. */
export function shownRows(entries, shown, limit = LOG_LIMIT) {
    return LOG_CHANNELS.filter((channel) => shown.has(channel))
        .flatMap((channel) => entries[channel].slice(-limit))
        .sort((a, b) => b.n - a.n)
        .slice(0, limit);
}

/** Events per second over the last `seconds` seconds, one count a second, the current (still filling) one last. */
export class RateBuckets {
    constructor(seconds, at) {
        this.counts = new Array(seconds).fill(0);
        this.second = Math.floor(at / 1000);
    }

    /** One event at this time. */
    count(at) {
        this.roll(at);
        this.counts[this.counts.length - 1] += 1;
    }

    /** Moves on to the second `at` falls in: the seconds gone by without an event count 0. */
    roll(at) {
        const second = Math.floor(at / 1000);
        const steps = Math.min(second - this.second, this.counts.length);
        for (let i = 0; i < steps; i++) {
            this.counts.shift();
            this.counts.push(0);
        }
        if (steps > 0) {
            this.second = second;
        }
    }

    /** The complete seconds, oldest first: the current one is still filling up. */
    complete() {
        return this.counts.slice(0, -1);
    }
}

export class EventLog {
    constructor() {
        this.rows = byId('log-rows');
        this.pauseButton = byId('log-pause');
        this.pausedNote = byId('log-paused-note');
        this.canvas = byId('rate-sparkline');
        this.rateNow = byId('rate-now');
        // Kept per channel, so that a flood on one channel does not push a quiet one out of the log.
        this.entries = Object.fromEntries(LOG_CHANNELS.map((channel) => [channel, []]));
        this.received = 0;
        this.paused = false;
        this.missedWhilePaused = 0;
        this.renderTimer = 0;
        this.counts = Object.fromEntries(LOG_CHANNELS.map((channel) => [channel, 0]));
        this.shown = new Set(LOG_CHANNELS);
        this.rate = new RateBuckets(SPARK_SECONDS, clock.now());
        this.countLabels = {};
        this.#buildFilter();
        this.pauseButton.addEventListener('click', () => this.setPaused(!this.paused));
    }

    /** A message from the hub (seq set) or a local note about the connection (seq null). */
    add(message, seq = message.seq) {
        const type = String(message.type ?? 'unknown');
        const channel = channelOf(type);
        const entries = this.entries[channel];
        entries.push({ n: this.received++, at: clock.now(), seq: seq ?? null, type, channel, detail: describe(message) });
        // Trim in chunks: amortised O(1) per event, never more than twice the limit held.
        if (entries.length > 2 * LOG_LIMIT) {
            entries.splice(0, entries.length - LOG_LIMIT);
        }
        this.counts[channel] += 1;
        if (seq != null) {
            this.rate.count(clock.now());
        }
        if (this.paused) {
            this.missedWhilePaused += 1;
        }
        this.#scheduleRender();
    }

    setPaused(paused) {
        this.paused = paused;
        this.pauseButton.setAttribute('aria-pressed', String(paused));
        this.pauseButton.textContent = paused ? 'Resume' : 'Pause';
        if (!paused) {
            this.missedWhilePaused = 0;
        }
        this.#scheduleRender();
    }

    /** Once a second: roll the sparkline. */
    tick() {
        this.rate.roll(clock.now());
        this.#drawSparkline();
    }

    #buildFilter() {
        const container = byId('log-filter-options');
        replaceChildren(container, LOG_CHANNELS.map((channel) => {
            const box = h('input', { type: 'checkbox', checked: true, value: channel, 'aria-describedby': `log-count-${channel}` });
            box.addEventListener('change', () => {
                if (box.checked) {
                    this.shown.add(channel);
                } else {
                    this.shown.delete(channel);
                }
                this.#render();
            });
            this.countLabels[channel] = h('span', { class: 'filter-count', id: `log-count-${channel}` }, '0');
            return h('label', { class: ['filter', `filter-${channel}`] }, box, ` ${channel} `, this.countLabels[channel]);
        }));
    }

    #scheduleRender() {
        if (!this.renderTimer) {
            this.renderTimer = setTimeout(() => {
                this.renderTimer = 0;
                this.#render();
            }, RENDER_EVERY_MS);
        }
    }

    #render() {
        for (const channel of LOG_CHANNELS) {
            this.countLabels[channel].textContent = this.counts[channel].toLocaleString();
        }
        this.pausedNote.textContent = this.paused
            ? `Paused: ${plural(this.missedWhilePaused, 'new event')} not shown` : '';
        if (this.paused) {
            return; // the rows stay as they were when paused
        }
        const rows = shownRows(this.entries, this.shown);
        replaceChildren(this.rows, rows.map((entry) => h('tr', { data: { channel: entry.channel, type: entry.type, seq: entry.seq },
                                                                 class: `log-${entry.channel}` },
            h('td', { class: 'mono' }, clockTime(entry.at, true)),
            h('td', { class: 'mono num' }, entry.seq ?? '–'),
            h('td', {}, h('span', { class: ['type', `type-${entry.channel}`] }, entry.type)),
            h('td', { class: 'detail', title: entry.detail }, entry.detail))));
    }

    #drawSparkline() {
        const canvas = this.canvas;
        const ratio = window.devicePixelRatio || 1;
        const width = canvas.clientWidth || 120;
        const height = canvas.clientHeight || 28;
        if (canvas.width !== Math.round(width * ratio)) {
            canvas.width = Math.round(width * ratio);
            canvas.height = Math.round(height * ratio);
        }
        const context = canvas.getContext('2d');
        context.setTransform(ratio, 0, 0, ratio, 0, 0);
        context.clearRect(0, 0, width, height);
        // The current second is still filling up: plot and report the last complete ones.
        const complete = this.rate.complete();
        const max = Math.max(1, ...complete);
        const step = width / (complete.length - 1);
        const y = (value) => height - 2 - (value / max) * (height - 4);
        context.beginPath();
        complete.forEach((value, i) => (i ? context.lineTo(i * step, y(value)) : context.moveTo(0, y(value))));
        context.lineTo(width, height);
        context.lineTo(0, height);
        context.closePath();
        context.fillStyle = 'rgba(9, 105, 218, 0.15)';
        context.fill();
        context.beginPath();
        complete.forEach((value, i) => (i ? context.lineTo(i * step, y(value)) : context.moveTo(0, y(value))));
        context.strokeStyle = '#0969da';
        context.lineWidth = 1.5;
        context.stroke();
        const now = complete[complete.length - 1];
        this.rateNow.textContent = `${now.toLocaleString()}/s`;
        canvas.setAttribute('aria-label', `Events per second over the last minute: now ${now}, peak ${Math.max(...complete)}`);
    }
}

/** One line per event: what it says, short (an application's event may carry kilobytes). */
export function describe(message) {
    switch (message.type) {
        case 'heartbeat':
            return `${message.agent_id}${message.active_issue_id != null ? ` on #${message.active_issue_id}` : ''}`;
        case 'agent_status':
            return `${message.agent_id} is ${message.status}`;
        case 'issue_updated':
            return `#${message.issue_id} ${message.field}`;
        case 'lock_changed':
            return `#${message.issue_id} ${message.action} by ${message.agent_id}`;
        case 'execution_progress':
            return `${shortStage(message)} ${message.status}${message.agent_id ? ` (${message.agent_id})` : ''}`;
        case 'gap':
            return `${plural(message.dropped ?? 0, 'event')} lost: re-reading the board`;
        case 'error':
            return `hub refused: ${message.message}`;
        case 'connection':
            return message.text;
        default:
            return Object.entries(message)
                .filter(([key]) => key !== 'seq' && key !== 'type')
                .map(([key, value]) => `${key}=${short(value)}`)
                .join(' ')
                .slice(0, 200);
    }
}

/** Stage ids are "<plan uuid>-p0-s1": the plan's first block is enough to tell plans apart. */
function shortStage({ stage_id: stage = '', plan_id: plan = '' }) {
    return plan && stage.startsWith(`${plan}-`) ? `${plan.slice(0, 8)} ${stage.slice(plan.length + 1)}` : stage;
}

function short(value) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return text.length > 40 ? `${text.slice(0, 24)}… (${text.length} chars)` : text;
}
