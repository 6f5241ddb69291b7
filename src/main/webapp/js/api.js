// The hub's REST API, relative to this page so that the console works at / and under a context root.

export class ApiError extends Error {
    constructor(status, message) {
        super(message);
        this.status = status;
    }

    get unauthorized() {
        return this.status === 401;
    }
}

export class Api {
    /** @param {() => string} token where the current token comes from */
    constructor(token) {
        this.token = token;
    }

    async get(path, token = this.token()) {
        let response;
        try {
            response = await fetch(`api/v1/${path}`, {
                headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
                cache: 'no-store',
                credentials: 'omit',
            });
        } catch (networkFailure) {
            throw new ApiError(0, `network: ${networkFailure.message}`);
        }
        if (!response.ok) {
            let detail = response.statusText;
            try {
                const body = await response.json();
                detail = [body.error, body.detail].filter(Boolean).join(': ') || detail;
            } catch {
                // not JSON: keep the status text
            }
            throw new ApiError(response.status, `${response.status} ${detail}`);
        }
        return response.json();
    }

    /** Whether the hub accepts this token: any protected route answers 401 otherwise. */
    async accepts(token) {
        try {
            await this.get('agents', token);
            return true;
        } catch (error) {
            if (error instanceof ApiError && error.unauthorized) {
                return false;
            }
            throw error;
        }
    }
}
