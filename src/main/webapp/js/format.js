// Times as people read them on a board: relative for "how fresh", absolute in the tooltip.

import * as clock from './clock.js';

export function parseTime(value) {
    if (!value) {
        return NaN;
    }
    return Date.parse(value); // RFC 3339; sub-millisecond digits are ignored by the engine
}

export function clockTime(ms, withMillis = false) {
    if (!Number.isFinite(ms)) {
        return '–';
    }
    const date = new Date(ms);
    const pad = (n, width = 2) => String(n).padStart(width, '0');
    const base = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
    return withMillis ? `${base}.${pad(date.getMilliseconds(), 3)}` : base;
}

export function fullTime(ms) {
    return Number.isFinite(ms) ? new Date(ms).toLocaleString(undefined, { hour12: false }) : '';
}

export function ago(ms, now = clock.now()) {
    if (!Number.isFinite(ms)) {
        return 'never';
    }
    if (now - ms < 2000) {
        return 'just now';
    }
    return duration(Math.max(0, now - ms)) + ' ago';
}

export function duration(ms) {
    const seconds = Math.floor(ms / 1000);
    if (seconds < 5) {
        return seconds <= 0 ? '0 s' : `${seconds} s`;
    }
    if (seconds < 90) {
        return `${seconds} s`;
    }
    const minutes = Math.floor(seconds / 60);
    if (minutes < 90) {
        return `${minutes} min`;
    }
    const hours = Math.floor(minutes / 60);
    if (hours < 48) {
        return `${hours} h ${minutes % 60} min`;
    }
    return `${Math.floor(hours / 24)} d`;
}

export function plural(n, one, many = `${one}s`) {
    return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}
