// The brief highlight of a row or cell that just changed (agents, locks, issues, stages).

import * as clock from './clock.js';

/** How long a change stays highlighted (the CSS animation's length). */
export const FLASH_MS = 2500;

/** Drops highlight times that are over, so that a console left open for days keeps small maps. */
export function forgetOldChanges(changedAt, now = clock.now()) {
    for (const [key, at] of changedAt) {
        if (now - at >= FLASH_MS) {
            changedAt.delete(key);
        }
    }
}
