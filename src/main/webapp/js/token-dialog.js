// The token dialog: asks for the hub's API token, checks it with the hub, keeps it in
// sessionStorage (never in a URL), and offers to forget it.

import { byId } from './dom.js';
import { forgetToken, saveToken } from './token.js';

const NO_TOKEN = 'Enter the token the hub printed at start-up.';
const REJECTED = 'The hub rejected this token.';
const NO_LONGER_ACCEPTED = 'The hub no longer accepts the stored token: enter the current one.';

/**
 * What the hub says of a typed token (already trimmed): {accepted: true}, or {problem, rejected}
 * where problem is what the form shows and rejected says the hub itself refused it.
 * @param {(token: string) => Promise<boolean>} accepts
 */
export async function checkToken(token, accepts) {
    if (!token) {
        return { accepted: false, problem: NO_TOKEN, rejected: false };
    }
    try {
        if (!(await accepts(token))) {
            return { accepted: false, problem: REJECTED, rejected: true };
        }
    } catch (failure) {
        return { accepted: false, problem: `Cannot reach the hub: ${failure.message}`, rejected: false };
    }
    return { accepted: true };
}

export class TokenDialog {
    /**
     * @param {(token: string) => Promise<boolean>} accepts  whether the hub accepts a token
     * @param {() => void} onAsk    the dialog opens: stop what runs on the old token
     * @param {() => void} onToken  a token was accepted and stored: start with it
     */
    constructor(accepts, onAsk, onToken) {
        this.accepts = accepts;
        this.onAsk = onAsk;
        this.onToken = onToken;
        this.dialog = byId('token-dialog');
        this.form = byId('token-form');
        this.input = byId('token-input');
        this.error = byId('token-error');
        this.submit = byId('token-submit');
        this.forget = byId('forget-token');
        this.form.addEventListener('submit', (event) => this.#submit(event));
        this.dialog.addEventListener('cancel', (event) => event.preventDefault()); // nothing to show without a token
        this.forget.addEventListener('click', () => {
            forgetToken();
            this.ask();
        });
    }

    /** Opens the dialog (saying why, if there is a reason). */
    ask(reason = '') {
        this.onAsk();
        this.forget.hidden = true;
        this.error.textContent = reason;
        if (!this.dialog.open) {
            this.dialog.showModal();
        }
        this.input.focus();
    }

    /** A token is in use: the "Forget token" button shows. */
    inUse() {
        this.forget.hidden = false;
    }

    /** A read answered 401: the stored token is no longer good. */
    storedTokenRefused() {
        if (!this.dialog.open) {
            forgetToken();
            this.ask(NO_LONGER_ACCEPTED);
        }
    }

    async #submit(event) {
        event.preventDefault();
        const token = this.input.value.trim();
        if (token) {
            this.submit.disabled = true;
            this.error.textContent = 'Checking…';
        }
        const verdict = await checkToken(token, this.accepts);
        this.submit.disabled = false;
        if (!verdict.accepted) {
            this.error.textContent = verdict.problem;
            if (verdict.rejected) {
                this.input.select();
            }
            return;
        }
        saveToken(token);
        this.input.value = '';
        this.error.textContent = '';
        this.dialog.close();
        this.onToken();
    }
}
