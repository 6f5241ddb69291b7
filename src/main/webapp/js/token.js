// The API token lives in sessionStorage: it survives reloads of this tab, not the browser session,
// and is never written into a URL.

const KEY = 'crosslink-hub.token';

/**
 * crosslink's dashboard accepts ?token=…; we accept it too, but take it out of the address bar
 * (and so out of history and bookmarks) before anything else happens.
 */
export function takeTokenFromUrl() {
    const url = new URL(window.location.href);
    if (!url.searchParams.has('token')) {
        return;
    }
    const token = url.searchParams.get('token').trim();
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    if (token) {
        saveToken(token);
    }
}

export function loadToken() {
    try {
        return window.sessionStorage.getItem(KEY) || '';
    } catch {
        return ''; // storage disabled: the form asks every time
    }
}

export function saveToken(token) {
    try {
        window.sessionStorage.setItem(KEY, token);
    } catch {
        // storage disabled: the token lives in memory only
    }
}

export function forgetToken() {
    try {
        window.sessionStorage.removeItem(KEY);
    } catch {
        // nothing stored
    }
}
