// The gap notice: events were lost, so the board is re-read, and the notice says when it is right again.

import * as clock from './clock.js';
import { byId } from './dom.js';
import { clockTime, plural } from './format.js';

/** What was lost since the notice was last dismissed: events, gaps, since when. */
export class GapTally {
    constructor() {
        this.clear();
    }

    /** A gap message: `dropped` events lost, at this time. */
    add(dropped, at) {
        this.lost += dropped ?? 0;
        this.gaps += 1;
        this.since ||= at;
    }

    clear() {
        this.lost = 0;
        this.gaps = 0;
        this.since = 0;
    }

    /** "1,204 events in 2 gaps since 14:03:07" */
    missed() {
        return `${plural(this.lost, 'event')}${this.gaps > 1 ? ` in ${this.gaps} gaps` : ''} since ${clockTime(this.since)}`;
    }
}

/** While the board is being re-read. */
export function syncingText(tally) {
    return `Missed ${tally.missed()}: the hub's queue for this console overflowed. `
        + 'Re-reading agents, locks, issues and orchestration from the server…';
}

/** Once every panel is read again. */
export function recoveredText(tally, at) {
    return `Missed ${tally.missed()}. The board was re-read from the server at ${clockTime(at)} and is current again.`;
}

export class GapNotice {
    constructor() {
        this.box = byId('gap-notice');
        this.text = byId('gap-notice-text');
        this.tally = new GapTally();
        this.waiting = false;
        byId('gap-notice-dismiss').addEventListener('click', () => this.dismiss());
    }

    /** A gap message arrived: the board is being re-read. */
    gap(message) {
        this.tally.add(message.dropped, clock.now());
        this.waiting = true;
        this.box.dataset.state = 'syncing';
        this.box.hidden = false;
        this.text.textContent = syncingText(this.tally);
    }

    /** Every panel is live again. */
    synced() {
        if (!this.waiting) {
            return;
        }
        this.waiting = false;
        this.box.dataset.state = 'recovered';
        this.text.textContent = recoveredText(this.tally, clock.now());
    }

    dismiss() {
        this.box.hidden = true;
        this.tally.clear();
    }
}
