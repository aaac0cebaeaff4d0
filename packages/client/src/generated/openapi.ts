// Generated from the OpenAPI document keyward serves at /openapi.json, by
// `npm run generate -w @keyward/client`. Do not edit: change the server's route schemas and
// generate again (a test fails while this file is stale).
/* eslint-disable */
export interface paths {
    "/api/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in: step 1 mails a code, step 2 (with `otp`) returns a login token
         * @description Without `otp`, mails a code to `username` and answers `OTP_SENT`, the same for an unknown address (which is mailed nothing). With the code, answers a login token for the workspace used last. An address with a pending invitation but no account gets one here. A suspended account is `FORBIDDEN`.
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End this session, the others, or all of them
         * @description `scope` `this` (the default) ends the caller's session, `others` every other session of theirs, `all` every one. An ended login token is refused on the next request.
         */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign up: step 1 mails a code, step 2 (with `otp`) creates the account
         * @description Without `otp`, mails a 6-digit code to `username` (valid 10 minutes; one send per address per minute) and answers `OTP_SENT`, whether or not the address has an account. With the code, creates the user, the company (the user is its owner), its first workspace and a session, and answers 201 with a login token. An address that already has an account is `EMAIL_ALREADY_REGISTERED`, told only to whoever had its code.
         */
        post: operations["signup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/global/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your company's audit log, newest first (owners/admins)
         * @description Sign-ups, logins and failed logins, codes sent, tokens generated, refused and revoked, logouts, member and workspace changes: each with its actor, time, address, user agent and target. `limit` is 1 to 100 (default 50); pass `next_cursor` back as `cursor` for the next page.
         */
        get: operations["getAuditLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/global/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stream changes that make cached verify answers stale (Server-Sent Events)
         * @description Server-Sent Events for the operator's own services, so that they can cache verify answers
         *     and still drop a revoked token at once. Open with one of `EVENT_STREAM_KEYS` in the `token`
         *     header (off, 404, while that is unset). Each event has an `id:` (a sequence number), an
         *     `event:` line (its type) and one JSON object as `data:`; events carry ids only.
         *
         *     - `hello` `{"max_cache_ms"}`: first, on every connection; drop whatever was cached before.
         *     - `token.revoked` `{"token_id"}`: revoked, or rotated with no grace.
         *     - `token.updated` `{"token_id"}`: its name, scopes, metadata or rate limit changed.
         *     - `session.ended` `{"session_id"}`: logout, workspace switch, membership removed.
         *     - `member.changed` `{"user_id", "company_id"}`: removed, suspended, restored, role changed.
         *     - `user.changed` `{"user_id"}`: an account disabled, enabled or deleted.
         *     - `workspace.changed` `{"workspace_id"}`: a workspace gone with its company.
         *     - `ping` `{}`: every 15 s.
         *
         *     Expiry is not an event: never cache an answer past its `expires_at`. Every instance streams
         *     every instance's events. A reader that falls behind is disconnected; past
         *     `EVENT_STREAM_MAX_CONNECTIONS` open streams a new one is refused with 503 and `Retry-After`.
         */
        get: operations["streamEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/global/generate-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mint an API token (login token required); the token is shown only in this answer
         * @description A new API token (64 lowercase hex: 256 random bits) in the workspace of the session: the caller's, or with `owner: workspace` (owners and admins) the workspace's own, which outlives whoever made it. Only its SHA-256 is kept: it can never be read back. An API token cannot mint another (`INVALID_LOGIN_TOKEN`). `expires_in_days` absent: it never expires. `scopes` absent or null: unrestricted.
         */
        post: operations["generateToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/global/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who the token belongs to (either kind of token)
         * @description The user, company, workspace and role behind the token; `session` is the login token's session, null for an API token. A workspace's own API token has no user or role (null).
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        /**
         * Delete your account; a company you are the last owner of must be handed over first
         * @description Every session and API token of the account ends with it. A company whose last owner you are, and that has other members, is a `CONFLICT`: make another owner first. One with no other member is deleted too.
         */
        delete: operations["deleteAccount"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/global/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Members and pending invitations of your current company
         * @description Every member with their role and whether they are suspended.
         */
        get: operations["listMembers"];
        put?: never;
        /**
         * Invite by email (owners/admins): they join at their next sign-up or login
         * @description The address is mailed an invitation; its owner joins the company with `role` when they next sign up or log in (an address with no account gets one at login). Only owners invite owners. An address that is already a member is a `CONFLICT`. The address is checked like a sign-up `username`.
         */
        post: operations["inviteMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/global/members/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a member: their sessions and API tokens here stop at once
         * @description Owners and admins only; admins cannot remove owners, and the last owner cannot be removed (`CONFLICT`). A user who is not a member here is `NOT_FOUND`.
         */
        delete: operations["removeMember"];
        options?: never;
        head?: never;
        /**
         * Change a member's role or suspend them (owners/admins)
         * @description A suspended member's sessions and API tokens in this company stop at once; `disabled: false` lets them back. Only owners make or change owners, and the last owner cannot be demoted or suspended (`CONFLICT`).
         */
        patch: operations["updateMember"];
        trace?: never;
    };
    "/api/v1/global/switch-workspace": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new login token for another workspace; the current session ends
         * @description Any workspace you can enter, in this company or another you belong to. One you can't enter is `WORKSPACE_NOT_FOUND`, whether or not it exists. Your next login lands in it.
         */
        post: operations["switchWorkspace"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/global/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your API tokens in this workspace (and its own, for owners/admins); `all=true` (owners/admins): the whole company
         * @description Tokens not revoked (expired ones included, with their `expires_at`), newest first. No token or hash is ever listed: `hint` is its last 4 characters. `last_used_at` is at most a minute behind.
         */
        get: operations["listTokens"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/global/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API token: yours, or any of the company for owners/admins
         * @description The token is refused at once by this instance and within a second by every other. Another person's token, a workspace's own token, or another company's, is `TOKEN_NOT_FOUND` unless you are an owner or admin of its company.
         */
        delete: operations["revokeToken"];
        options?: never;
        head?: never;
        /**
         * Rename a token, or change its scopes, metadata or rate limit
         * @description Only the fields sent change; `null` clears scopes (unrestricted), metadata or the rate limit. Every instance answers verify with the new values within a second. Who may: as for revoking.
         */
        patch: operations["updateToken"];
        trace?: never;
    };
    "/api/v1/global/tokens/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace a token with a new one, the old one working for a grace period
         * @description The new token (shown here only) carries the same name, scopes, metadata, rate limit, owner, workspace and expiry. The old one keeps working for `grace_seconds` more (default 3600; never longer than it would have anyway), then is refused like any expired token; 0 revokes it at once. A revoked or expired token is `TOKEN_NOT_FOUND`.
         */
        post: operations["rotateToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/global/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check an API token or a login token and say whose it is and what it carries
         * @description For services that accept keyward tokens: the `token` header holds the token to check. A revoked token is refused by every instance within a second. `scopes` in the body must all be held (`INSUFFICIENT_SCOPE`). A token with a rate limit spends one verify of it per answer 200 (`TOO_MANY_REQUESTS` once spent; a refusal spends nothing). With a failed-verify budget configured, an address that spent it gets `TOO_MANY_REQUESTS` too.
         */
        post: operations["verifyToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/global/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every workspace you can enter, in every company you belong to
         * @description Each with its company and your role there; `current` marks the workspace of this login token.
         */
        get: operations["listWorkspaces"];
        put?: never;
        /**
         * Create a workspace in your current company (owners/admins)
         * @description Members of the company can switch to it with `switchWorkspace`; this login token stays in its own workspace.
         */
        post: operations["createWorkspace"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The process is up
         * @description Answers as long as the process runs, without touching the store.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics (text exposition format)
         * @description Requests by route and status, verify outcomes, rate limits, logins, pools.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This document
         * @description The OpenAPI 3.0 description of every operation, as served.
         */
        get: operations["getOpenApiDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The store answers
         * @description Ready to serve: the store answered a query just now.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The 6-digit code mailed in step 1 */
                    otp?: string;
                    /**
                     * Format: email
                     * @description Email address
                     */
                    username: string;
                };
            };
        };
        responses: {
            /** @description Step 1: `OTP_SENT`; step 2: `LOGGEDIN` with a login token */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        message: "OTP_SENT";
                    } | {
                        auth: {
                            company: {
                                id: string;
                                name: string;
                            };
                            role: "owner" | "admin" | "member";
                            session: {
                                /** Format: date-time */
                                expires_at: string;
                                id: string;
                            } | null;
                            user: {
                                email: string;
                                id: string;
                                name: string;
                            };
                            workspace: {
                                id: string;
                                name: string;
                            };
                        };
                        /** @enum {string} */
                        message: "LOGGEDIN";
                        /** @description Login token (JWT) */
                        token: string;
                    };
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `USERNAME_REQUIRED`: no email address given
             *     - `INVALID_USERNAME`: not an email address
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             *     - `INVALID_JSON`: the body is not JSON
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "USERNAME_REQUIRED" | "INVALID_USERNAME" | "VALIDATION_FAILED" | "INVALID_JSON";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Unauthorized. `message` is one of:
             *     - `INVALID_OTP`: wrong or already used code
             *     - `OTP_EXPIRED`: the code is past its 10 minutes
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INVALID_OTP" | "OTP_EXPIRED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Forbidden. `message` is one of:
             *     - `FORBIDDEN`: your role, or your account, may not do this
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "FORBIDDEN";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Too Many Requests. `message` is one of:
             *     - `TOO_MANY_ATTEMPTS`: too many wrong codes: the address is locked until `Retry-After`
             *     - `TOO_MANY_REQUESTS`: a rate limit is spent: try again after `Retry-After` seconds
             */
            429: {
                headers: {
                    /** @description The spent budget's size */
                    "ratelimit-limit"?: number;
                    /** @description What is left of it: 0 */
                    "ratelimit-remaining"?: number;
                    /** @description Seconds until it refills */
                    "ratelimit-reset"?: number;
                    /** @description Seconds until the client may try again */
                    "retry-after"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "TOO_MANY_ATTEMPTS" | "TOO_MANY_REQUESTS";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Service Unavailable. `message` is one of:
             *     - `SERVICE_UNAVAILABLE`: the store cannot be reached: nothing was written, try again
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "SERVICE_UNAVAILABLE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description Ignored */
                    api_access_token?: unknown;
                    /** @default this */
                    scope?: "this" | "others" | "all";
                    /** @description Ignored: send the token in the header */
                    token?: unknown;
                };
            };
        };
        responses: {
            /** @description The sessions are ended */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        message: "LOGGEDOUT";
                    };
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `LOGIN_TOKEN_REQUIRED`: no `token` header
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             *     - `INVALID_JSON`: the body is not JSON
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "LOGIN_TOKEN_REQUIRED" | "VALIDATION_FAILED" | "INVALID_JSON";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Unauthorized. `message` is one of:
             *     - `INVALID_LOGIN_TOKEN`: not a valid login token (an API token included), or its session ended
             *     - `SESSIONEXPIRED`: the login token's lifetime is over, or its session was idle too long
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INVALID_LOGIN_TOKEN" | "SESSIONEXPIRED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Service Unavailable. `message` is one of:
             *     - `SERVICE_UNAVAILABLE`: the store cannot be reached: nothing was written, try again
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "SERVICE_UNAVAILABLE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
    signup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    company_name: string;
                    name: string;
                    /** @description The 6-digit code mailed in step 1 */
                    otp?: string;
                    /**
                     * Format: email
                     * @description Email address
                     */
                    username: string;
                    workspace_name?: string;
                };
            };
        };
        responses: {
            /** @description Step 1: a code is on its way */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        message: "OTP_SENT";
                    };
                };
            };
            /** @description Step 2: the account, its company and workspace, a login token */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        auth: {
                            company: {
                                id: string;
                                name: string;
                            };
                            role: "owner" | "admin" | "member";
                            session: {
                                /** Format: date-time */
                                expires_at: string;
                                id: string;
                            } | null;
                            user: {
                                email: string;
                                id: string;
                                name: string;
                            };
                            workspace: {
                                id: string;
                                name: string;
                            };
                        };
                        /** @enum {string} */
                        message: "SIGNEDUP";
                        /** @description Login token (JWT) */
                        token: string;
                    };
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `USERNAME_REQUIRED`: no email address given
             *     - `INVALID_USERNAME`: not an email address
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             *     - `INVALID_JSON`: the body is not JSON
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "USERNAME_REQUIRED" | "INVALID_USERNAME" | "VALIDATION_FAILED" | "INVALID_JSON";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Unauthorized. `message` is one of:
             *     - `INVALID_OTP`: wrong or already used code
             *     - `OTP_EXPIRED`: the code is past its 10 minutes
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INVALID_OTP" | "OTP_EXPIRED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Conflict. `message` is one of:
             *     - `EMAIL_ALREADY_REGISTERED`: the address already has an account
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "EMAIL_ALREADY_REGISTERED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Too Many Requests. `message` is one of:
             *     - `TOO_MANY_ATTEMPTS`: too many wrong codes: the address is locked until `Retry-After`
             *     - `TOO_MANY_REQUESTS`: a rate limit is spent: try again after `Retry-After` seconds
             */
            429: {
                headers: {
                    /** @description The spent budget's size */
                    "ratelimit-limit"?: number;
                    /** @description What is left of it: 0 */
                    "ratelimit-remaining"?: number;
                    /** @description Seconds until it refills */
                    "ratelimit-reset"?: number;
                    /** @description Seconds until the client may try again */
                    "retry-after"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "TOO_MANY_ATTEMPTS" | "TOO_MANY_REQUESTS";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Service Unavailable. `message` is one of:
             *     - `SERVICE_UNAVAILABLE`: the store cannot be reached: nothing was written, try again
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "SERVICE_UNAVAILABLE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
    getAuditLog: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of events, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        events: {
                            action: string;
                            actor: {
                                id: string;
                            } | null;
                            /** Format: date-time */
                            created_at: string;
                            id: string;
                            ip: string | null;
                            target_id: string | null;
                            user_agent: string | null;
                        }[];
                        /** @enum {string} */
                        message: "OK";
                        next_cursor: string | null;
                    };
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `LOGIN_TOKEN_REQUIRED`: no `token` header
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "LOGIN_TOKEN_REQUIRED" | "VALIDATION_FAILED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Unauthorized. `message` is one of:
             *     - `INVALID_LOGIN_TOKEN`: not a valid login token (an API token included), or its session ended
             *     - `SESSIONEXPIRED`: the login token's lifetime is over, or its session was idle too long
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INVALID_LOGIN_TOKEN" | "SESSIONEXPIRED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Forbidden. `message` is one of:
             *     - `FORBIDDEN`: your role, or your account, may not do this
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "FORBIDDEN";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Service Unavailable. `message` is one of:
             *     - `SERVICE_UNAVAILABLE`: the store cannot be reached: nothing was written, try again
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "SERVICE_UNAVAILABLE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
    streamEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An endless `text/event-stream`, `hello` first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `TOKEN_REQUIRED`: no `token` header
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "TOKEN_REQUIRED" | "VALIDATION_FAILED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Unauthorized. `message` is one of:
             *     - `INVALID_TOKEN`: unknown, revoked or expired API token, or its user, membership or workspace is gone
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INVALID_TOKEN";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Not Found. `message` is one of:
             *     - `NOT_FOUND`: nothing here by that id or path
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "NOT_FOUND";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Service Unavailable. `message` is one of:
             *     - `SERVICE_UNAVAILABLE`: the store cannot be reached: nothing was written, try again
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "SERVICE_UNAVAILABLE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
    generateToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description Ignored */
                    api_access_token?: unknown;
                    expires_in_days?: number;
                    /** @description Any JSON object up to 1024 bytes; handed back by verify and shown in listings: never a secret */
                    metadata?: {
                        [key: string]: unknown;
                    } | null;
                    name?: string;
                    /** @description 'workspace': a service token, held by the workspace, not by a person */
                    owner?: "user" | "workspace";
                    /** @description COUNT/DURATION of successful verifies, e.g. 1000/1m (s, m, h, d) */
                    rate_limit?: string | null;
                    scopes?: string[] | null;
                    /** @description Ignored: send the token in the header */
                    token?: unknown;
                };
            };
        };
        responses: {
            /** @description The new API token: shown here only */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        expires_at: string | null;
                        id: string;
                        /** @enum {string} */
                        message: "API token generated successfully";
                        name: string | null;
                        token: string;
                    };
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `LOGIN_TOKEN_REQUIRED`: no `token` header
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             *     - `INVALID_JSON`: the body is not JSON
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "LOGIN_TOKEN_REQUIRED" | "VALIDATION_FAILED" | "INVALID_JSON";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Unauthorized. `message` is one of:
             *     - `INVALID_LOGIN_TOKEN`: not a valid login token (an API token included), or its session ended
             *     - `SESSIONEXPIRED`: the login token's lifetime is over, or its session was idle too long
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INVALID_LOGIN_TOKEN" | "SESSIONEXPIRED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Forbidden. `message` is one of:
             *     - `FORBIDDEN`: your role, or your account, may not do this
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "FORBIDDEN";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Too Many Requests. `message` is one of:
             *     - `TOO_MANY_REQUESTS`: a rate limit is spent: try again after `Retry-After` seconds
             */
            429: {
                headers: {
                    /** @description The spent budget's size */
                    "ratelimit-limit"?: number;
                    /** @description What is left of it: 0 */
                    "ratelimit-remaining"?: number;
                    /** @description Seconds until it refills */
                    "ratelimit-reset"?: number;
                    /** @description Seconds until the client may try again */
                    "retry-after"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "TOO_MANY_REQUESTS";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Service Unavailable. `message` is one of:
             *     - `SERVICE_UNAVAILABLE`: the store cannot be reached: nothing was written, try again
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "SERVICE_UNAVAILABLE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Who the token belongs to */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        auth: {
                            company: {
                                id: string;
                                name: string;
                            };
                            role: ("owner" | "admin" | "member") | (never | null);
                            session: {
                                /** Format: date-time */
                                expires_at: string;
                                id: string;
                            } | null;
                            user: {
                                email: string;
                                id: string;
                                name: string;
                            } | null;
                            workspace: {
                                id: string;
                                name: string;
                            };
                        };
                        /** @enum {string} */
                        message: "OK";
                    };
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `LOGIN_TOKEN_REQUIRED`: no `token` header
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "LOGIN_TOKEN_REQUIRED" | "VALIDATION_FAILED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Unauthorized. `message` is one of:
             *     - `INVALID_LOGIN_TOKEN`: not a valid login token (an API token included), or its session ended
             *     - `SESSIONEXPIRED`: the login token's lifetime is over, or its session was idle too long
             *     - `INVALID_TOKEN`: unknown, revoked or expired API token, or its user, membership or workspace is gone
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INVALID_LOGIN_TOKEN" | "SESSIONEXPIRED" | "INVALID_TOKEN";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Too Many Requests. `message` is one of:
             *     - `TOO_MANY_REQUESTS`: a rate limit is spent: try again after `Retry-After` seconds
             */
            429: {
                headers: {
                    /** @description The spent budget's size */
                    "ratelimit-limit"?: number;
                    /** @description What is left of it: 0 */
                    "ratelimit-remaining"?: number;
                    /** @description Seconds until it refills */
                    "ratelimit-reset"?: number;
                    /** @description Seconds until the client may try again */
                    "retry-after"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "TOO_MANY_REQUESTS";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Service Unavailable. `message` is one of:
             *     - `SERVICE_UNAVAILABLE`: the store cannot be reached: nothing was written, try again
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "SERVICE_UNAVAILABLE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
    deleteAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The account and everything of it are gone */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        message: "ACCOUNT_DELETED";
                    };
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `LOGIN_TOKEN_REQUIRED`: no `token` header
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             *     - `INVALID_JSON`: the body is not JSON
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "LOGIN_TOKEN_REQUIRED" | "VALIDATION_FAILED" | "INVALID_JSON";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Unauthorized. `message` is one of:
             *     - `INVALID_LOGIN_TOKEN`: not a valid login token (an API token included), or its session ended
             *     - `SESSIONEXPIRED`: the login token's lifetime is over, or its session was idle too long
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INVALID_LOGIN_TOKEN" | "SESSIONEXPIRED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Conflict. `message` is one of:
             *     - `CONFLICT`: the change would leave a company without an owner, or is already done
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "CONFLICT";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Service Unavailable. `message` is one of:
             *     - `SERVICE_UNAVAILABLE`: the store cannot be reached: nothing was written, try again
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "SERVICE_UNAVAILABLE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
    listMembers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The members, and the invitations not yet taken up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invitations: {
                            email: string;
                            id: string;
                            /** Format: date-time */
                            invited_at: string;
                            role: "owner" | "admin" | "member";
                        }[];
                        members: {
                            disabled: boolean;
                            /** Format: date-time */
                            joined_at: string;
                            role: "owner" | "admin" | "member";
                            user: {
                                email: string;
                                id: string;
                                name: string;
                            };
                        }[];
                        /** @enum {string} */
                        message: "OK";
                    };
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `LOGIN_TOKEN_REQUIRED`: no `token` header
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "LOGIN_TOKEN_REQUIRED" | "VALIDATION_FAILED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Unauthorized. `message` is one of:
             *     - `INVALID_LOGIN_TOKEN`: not a valid login token (an API token included), or its session ended
             *     - `SESSIONEXPIRED`: the login token's lifetime is over, or its session was idle too long
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INVALID_LOGIN_TOKEN" | "SESSIONEXPIRED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Service Unavailable. `message` is one of:
             *     - `SERVICE_UNAVAILABLE`: the store cannot be reached: nothing was written, try again
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "SERVICE_UNAVAILABLE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
    inviteMember: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: email
                     * @description Address to invite
                     */
                    email: string;
                    role: "owner" | "admin" | "member";
                };
            };
        };
        responses: {
            /** @description The invitation; the address is mailed */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invitation: {
                            email: string;
                            id: string;
                            role: "owner" | "admin" | "member";
                        };
                        /** @enum {string} */
                        message: "INVITED";
                    };
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `LOGIN_TOKEN_REQUIRED`: no `token` header
             *     - `USERNAME_REQUIRED`: no email address given
             *     - `INVALID_USERNAME`: not an email address
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             *     - `INVALID_JSON`: the body is not JSON
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "LOGIN_TOKEN_REQUIRED" | "USERNAME_REQUIRED" | "INVALID_USERNAME" | "VALIDATION_FAILED" | "INVALID_JSON";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Unauthorized. `message` is one of:
             *     - `INVALID_LOGIN_TOKEN`: not a valid login token (an API token included), or its session ended
             *     - `SESSIONEXPIRED`: the login token's lifetime is over, or its session was idle too long
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INVALID_LOGIN_TOKEN" | "SESSIONEXPIRED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Forbidden. `message` is one of:
             *     - `FORBIDDEN`: your role, or your account, may not do this
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "FORBIDDEN";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Conflict. `message` is one of:
             *     - `CONFLICT`: the change would leave a company without an owner, or is already done
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "CONFLICT";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Service Unavailable. `message` is one of:
             *     - `SERVICE_UNAVAILABLE`: the store cannot be reached: nothing was written, try again
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "SERVICE_UNAVAILABLE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
    removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The member is removed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        message: "MEMBER_REMOVED";
                    };
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `LOGIN_TOKEN_REQUIRED`: no `token` header
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             *     - `INVALID_JSON`: the body is not JSON
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "LOGIN_TOKEN_REQUIRED" | "VALIDATION_FAILED" | "INVALID_JSON";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Unauthorized. `message` is one of:
             *     - `INVALID_LOGIN_TOKEN`: not a valid login token (an API token included), or its session ended
             *     - `SESSIONEXPIRED`: the login token's lifetime is over, or its session was idle too long
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INVALID_LOGIN_TOKEN" | "SESSIONEXPIRED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Forbidden. `message` is one of:
             *     - `FORBIDDEN`: your role, or your account, may not do this
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "FORBIDDEN";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Not Found. `message` is one of:
             *     - `NOT_FOUND`: nothing here by that id or path
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "NOT_FOUND";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Conflict. `message` is one of:
             *     - `CONFLICT`: the change would leave a company without an owner, or is already done
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "CONFLICT";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Service Unavailable. `message` is one of:
             *     - `SERVICE_UNAVAILABLE`: the store cannot be reached: nothing was written, try again
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "SERVICE_UNAVAILABLE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
    updateMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    disabled?: boolean;
                    role?: "owner" | "admin" | "member";
                };
            };
        };
        responses: {
            /** @description The member as changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        member: {
                            disabled: boolean;
                            /** Format: date-time */
                            joined_at: string;
                            role: "owner" | "admin" | "member";
                            user: {
                                email: string;
                                id: string;
                                name: string;
                            };
                        };
                        /** @enum {string} */
                        message: "MEMBER_UPDATED";
                    };
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `LOGIN_TOKEN_REQUIRED`: no `token` header
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             *     - `INVALID_JSON`: the body is not JSON
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "LOGIN_TOKEN_REQUIRED" | "VALIDATION_FAILED" | "INVALID_JSON";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Unauthorized. `message` is one of:
             *     - `INVALID_LOGIN_TOKEN`: not a valid login token (an API token included), or its session ended
             *     - `SESSIONEXPIRED`: the login token's lifetime is over, or its session was idle too long
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INVALID_LOGIN_TOKEN" | "SESSIONEXPIRED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Forbidden. `message` is one of:
             *     - `FORBIDDEN`: your role, or your account, may not do this
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "FORBIDDEN";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Not Found. `message` is one of:
             *     - `NOT_FOUND`: nothing here by that id or path
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "NOT_FOUND";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Conflict. `message` is one of:
             *     - `CONFLICT`: the change would leave a company without an owner, or is already done
             */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "CONFLICT";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Service Unavailable. `message` is one of:
             *     - `SERVICE_UNAVAILABLE`: the store cannot be reached: nothing was written, try again
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "SERVICE_UNAVAILABLE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
    switchWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    workspace_id: string;
                };
            };
        };
        responses: {
            /** @description A login token for that workspace */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        auth: {
                            company: {
                                id: string;
                                name: string;
                            };
                            role: "owner" | "admin" | "member";
                            session: {
                                /** Format: date-time */
                                expires_at: string;
                                id: string;
                            } | null;
                            user: {
                                email: string;
                                id: string;
                                name: string;
                            };
                            workspace: {
                                id: string;
                                name: string;
                            };
                        };
                        /** @enum {string} */
                        message: "LOGGEDIN";
                        token: string;
                    };
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `LOGIN_TOKEN_REQUIRED`: no `token` header
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             *     - `INVALID_JSON`: the body is not JSON
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "LOGIN_TOKEN_REQUIRED" | "VALIDATION_FAILED" | "INVALID_JSON";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Unauthorized. `message` is one of:
             *     - `INVALID_LOGIN_TOKEN`: not a valid login token (an API token included), or its session ended
             *     - `SESSIONEXPIRED`: the login token's lifetime is over, or its session was idle too long
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INVALID_LOGIN_TOKEN" | "SESSIONEXPIRED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Not Found. `message` is one of:
             *     - `WORKSPACE_NOT_FOUND`: no workspace by that id that you may enter
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "WORKSPACE_NOT_FOUND";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Service Unavailable. `message` is one of:
             *     - `SERVICE_UNAVAILABLE`: the store cannot be reached: nothing was written, try again
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "SERVICE_UNAVAILABLE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
    listTokens: {
        parameters: {
            query?: {
                all?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Your API tokens (no token or hash, ever) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        message: "OK";
                        tokens: {
                            /** Format: date-time */
                            created_at: string;
                            /** @description Null once that account is deleted */
                            created_by: {
                                email: string;
                                id: string;
                            } | null;
                            /** Format: date-time */
                            expires_at: string | null;
                            /** @description The token's last 4 characters */
                            hint: string;
                            id: string;
                            /** Format: date-time */
                            last_used_at: string | null;
                            /** @description Any JSON object up to 1024 bytes; handed back by verify and shown in listings: never a secret */
                            metadata: {
                                [key: string]: unknown;
                            } | null;
                            name: string | null;
                            /** @description 'workspace': a service token, held by the workspace, not by a person */
                            owner: "user" | "workspace";
                            /** @description COUNT/DURATION, e.g. 1000/1m */
                            rate_limit: string | null;
                            scopes: string[] | null;
                            workspace: {
                                id: string;
                                name: string;
                            };
                        }[];
                    };
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `LOGIN_TOKEN_REQUIRED`: no `token` header
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "LOGIN_TOKEN_REQUIRED" | "VALIDATION_FAILED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Unauthorized. `message` is one of:
             *     - `INVALID_LOGIN_TOKEN`: not a valid login token (an API token included), or its session ended
             *     - `SESSIONEXPIRED`: the login token's lifetime is over, or its session was idle too long
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INVALID_LOGIN_TOKEN" | "SESSIONEXPIRED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Forbidden. `message` is one of:
             *     - `FORBIDDEN`: your role, or your account, may not do this
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "FORBIDDEN";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Service Unavailable. `message` is one of:
             *     - `SERVICE_UNAVAILABLE`: the store cannot be reached: nothing was written, try again
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "SERVICE_UNAVAILABLE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
    revokeToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The token is revoked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        message: "API token revoked";
                    };
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `LOGIN_TOKEN_REQUIRED`: no `token` header
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             *     - `INVALID_JSON`: the body is not JSON
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "LOGIN_TOKEN_REQUIRED" | "VALIDATION_FAILED" | "INVALID_JSON";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Unauthorized. `message` is one of:
             *     - `INVALID_LOGIN_TOKEN`: not a valid login token (an API token included), or its session ended
             *     - `SESSIONEXPIRED`: the login token's lifetime is over, or its session was idle too long
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INVALID_LOGIN_TOKEN" | "SESSIONEXPIRED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Not Found. `message` is one of:
             *     - `TOKEN_NOT_FOUND`: no live API token by that id that you may manage
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "TOKEN_NOT_FOUND";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Service Unavailable. `message` is one of:
             *     - `SERVICE_UNAVAILABLE`: the store cannot be reached: nothing was written, try again
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "SERVICE_UNAVAILABLE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
    updateToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description Ignored */
                    api_access_token?: unknown;
                    /** @description Any JSON object up to 1024 bytes; handed back by verify and shown in listings: never a secret */
                    metadata?: {
                        [key: string]: unknown;
                    } | null;
                    name?: string;
                    /** @description COUNT/DURATION of successful verifies, e.g. 1000/1m (s, m, h, d) */
                    rate_limit?: string | null;
                    scopes?: string[] | null;
                    /** @description Ignored: send the token in the header */
                    token?: unknown;
                };
            };
        };
        responses: {
            /** @description The token as it is now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        message: "API token updated";
                        token: {
                            /** Format: date-time */
                            created_at: string;
                            /** @description Null once that account is deleted */
                            created_by: {
                                email: string;
                                id: string;
                            } | null;
                            /** Format: date-time */
                            expires_at: string | null;
                            /** @description The token's last 4 characters */
                            hint: string;
                            id: string;
                            /** Format: date-time */
                            last_used_at: string | null;
                            /** @description Any JSON object up to 1024 bytes; handed back by verify and shown in listings: never a secret */
                            metadata: {
                                [key: string]: unknown;
                            } | null;
                            name: string | null;
                            /** @description 'workspace': a service token, held by the workspace, not by a person */
                            owner: "user" | "workspace";
                            /** @description COUNT/DURATION, e.g. 1000/1m */
                            rate_limit: string | null;
                            scopes: string[] | null;
                            workspace: {
                                id: string;
                                name: string;
                            };
                        };
                    };
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `LOGIN_TOKEN_REQUIRED`: no `token` header
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             *     - `INVALID_JSON`: the body is not JSON
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "LOGIN_TOKEN_REQUIRED" | "VALIDATION_FAILED" | "INVALID_JSON";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Unauthorized. `message` is one of:
             *     - `INVALID_LOGIN_TOKEN`: not a valid login token (an API token included), or its session ended
             *     - `SESSIONEXPIRED`: the login token's lifetime is over, or its session was idle too long
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INVALID_LOGIN_TOKEN" | "SESSIONEXPIRED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Not Found. `message` is one of:
             *     - `TOKEN_NOT_FOUND`: no live API token by that id that you may manage
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "TOKEN_NOT_FOUND";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Service Unavailable. `message` is one of:
             *     - `SERVICE_UNAVAILABLE`: the store cannot be reached: nothing was written, try again
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "SERVICE_UNAVAILABLE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
    rotateToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description Ignored */
                    api_access_token?: unknown;
                    /** @default 3600 */
                    grace_seconds?: number;
                    /** @description Ignored: send the token in the header */
                    token?: unknown;
                };
            };
        };
        responses: {
            /** @description The new API token (shown here only) and when the old one ends */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        expires_at: string | null;
                        id: string;
                        /** @enum {string} */
                        message: "API token rotated";
                        name: string | null;
                        previous: {
                            /**
                             * Format: date-time
                             * @description When the old token stops working
                             */
                            expires_at: string;
                            id: string;
                        };
                        token: string;
                    };
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `LOGIN_TOKEN_REQUIRED`: no `token` header
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             *     - `INVALID_JSON`: the body is not JSON
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "LOGIN_TOKEN_REQUIRED" | "VALIDATION_FAILED" | "INVALID_JSON";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Unauthorized. `message` is one of:
             *     - `INVALID_LOGIN_TOKEN`: not a valid login token (an API token included), or its session ended
             *     - `SESSIONEXPIRED`: the login token's lifetime is over, or its session was idle too long
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INVALID_LOGIN_TOKEN" | "SESSIONEXPIRED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Not Found. `message` is one of:
             *     - `TOKEN_NOT_FOUND`: no live API token by that id that you may manage
             */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "TOKEN_NOT_FOUND";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Service Unavailable. `message` is one of:
             *     - `SERVICE_UNAVAILABLE`: the store cannot be reached: nothing was written, try again
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "SERVICE_UNAVAILABLE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
    verifyToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description Ignored */
                    api_access_token?: unknown;
                    /** @description Every one must be held (403 INSUFFICIENT_SCOPE otherwise); an unrestricted token or a login token holds them all */
                    scopes?: string[];
                    /** @description Ignored: send the token in the header */
                    token?: unknown;
                };
            };
        };
        responses: {
            /** @description The token is valid: whose it is and what it carries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            company: {
                                id: string;
                                name: string;
                            };
                            /** Format: date-time */
                            expires_at: string | null;
                            /** @description Any JSON object up to 1024 bytes; handed back by verify and shown in listings: never a secret */
                            metadata: {
                                [key: string]: unknown;
                            } | null;
                            /** @description 'workspace': a service token, held by the workspace, not by a person */
                            owner: "user" | "workspace";
                            rate_limit: {
                                limit: number;
                                remaining: number;
                                /** @description Seconds until the window ends */
                                reset: number;
                            } | null;
                            role: ("owner" | "admin" | "member") | (never | null);
                            scopes: string[] | null;
                            token_id: string;
                            token_type: "api" | "login";
                            user: {
                                email: string;
                                id: string;
                                name: string;
                            } | null;
                            workspace: {
                                id: string;
                                name: string;
                            };
                        };
                        /** @enum {string} */
                        message: "Token is valid";
                    };
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `TOKEN_REQUIRED`: no `token` header
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             *     - `INVALID_JSON`: the body is not JSON
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "TOKEN_REQUIRED" | "VALIDATION_FAILED" | "INVALID_JSON";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Unauthorized. `message` is one of:
             *     - `INVALID_LOGIN_TOKEN`: not a valid login token (an API token included), or its session ended
             *     - `SESSIONEXPIRED`: the login token's lifetime is over, or its session was idle too long
             *     - `INVALID_TOKEN`: unknown, revoked or expired API token, or its user, membership or workspace is gone
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INVALID_LOGIN_TOKEN" | "SESSIONEXPIRED" | "INVALID_TOKEN";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Forbidden. `message` is one of:
             *     - `INSUFFICIENT_SCOPE`: the token lacks a scope the verify asked for
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INSUFFICIENT_SCOPE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Too Many Requests. `message` is one of:
             *     - `TOO_MANY_REQUESTS`: a rate limit is spent: try again after `Retry-After` seconds
             */
            429: {
                headers: {
                    /** @description The spent budget's size */
                    "ratelimit-limit"?: number;
                    /** @description What is left of it: 0 */
                    "ratelimit-remaining"?: number;
                    /** @description Seconds until it refills */
                    "ratelimit-reset"?: number;
                    /** @description Seconds until the client may try again */
                    "retry-after"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "TOO_MANY_REQUESTS";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Service Unavailable. `message` is one of:
             *     - `SERVICE_UNAVAILABLE`: the store cannot be reached: nothing was written, try again
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "SERVICE_UNAVAILABLE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
    listWorkspaces: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The workspaces you can enter */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        message: "OK";
                        workspaces: {
                            company: {
                                id: string;
                                name: string;
                            };
                            current: boolean;
                            id: string;
                            name: string;
                            role: "owner" | "admin" | "member";
                        }[];
                    };
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `LOGIN_TOKEN_REQUIRED`: no `token` header
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "LOGIN_TOKEN_REQUIRED" | "VALIDATION_FAILED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Unauthorized. `message` is one of:
             *     - `INVALID_LOGIN_TOKEN`: not a valid login token (an API token included), or its session ended
             *     - `SESSIONEXPIRED`: the login token's lifetime is over, or its session was idle too long
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INVALID_LOGIN_TOKEN" | "SESSIONEXPIRED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Service Unavailable. `message` is one of:
             *     - `SERVICE_UNAVAILABLE`: the store cannot be reached: nothing was written, try again
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "SERVICE_UNAVAILABLE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
    createWorkspace: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description The new workspace */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        message: "WORKSPACE_CREATED";
                        workspace: {
                            id: string;
                            name: string;
                        };
                    };
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `LOGIN_TOKEN_REQUIRED`: no `token` header
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             *     - `INVALID_JSON`: the body is not JSON
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "LOGIN_TOKEN_REQUIRED" | "VALIDATION_FAILED" | "INVALID_JSON";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Unauthorized. `message` is one of:
             *     - `INVALID_LOGIN_TOKEN`: not a valid login token (an API token included), or its session ended
             *     - `SESSIONEXPIRED`: the login token's lifetime is over, or its session was idle too long
             */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INVALID_LOGIN_TOKEN" | "SESSIONEXPIRED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Forbidden. `message` is one of:
             *     - `FORBIDDEN`: your role, or your account, may not do this
             */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "FORBIDDEN";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Service Unavailable. `message` is one of:
             *     - `SERVICE_UNAVAILABLE`: the store cannot be reached: nothing was written, try again
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "SERVICE_UNAVAILABLE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "VALIDATION_FAILED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text exposition format 0.0.4 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "VALIDATION_FAILED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
    getOpenApiDocument: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An OpenAPI 3.0 document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        openapi: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "VALIDATION_FAILED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready: the store answered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
            /**
             * @description Bad Request. `message` is one of:
             *     - `VALIDATION_FAILED`: a malformed request, or one that does not match its schema (`details`)
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "VALIDATION_FAILED";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Payload Too Large. `message` is one of:
             *     - `PAYLOAD_TOO_LARGE`: the body is over 16 KiB, or the headers over 16 KiB
             */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "PAYLOAD_TOO_LARGE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Internal Server Error. `message` is one of:
             *     - `INTERNAL_ERROR`: a bug, logged with the request id; nothing of it is in the body
             */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "INTERNAL_ERROR";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
            /**
             * @description Service Unavailable. `message` is one of:
             *     - `SERVICE_UNAVAILABLE`: the store cannot be reached: nothing was written, try again
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description What failed validation (VALIDATION_FAILED), or the header a credential was sent in instead of `token` (TOKEN_REQUIRED, LOGIN_TOKEN_REQUIRED) */
                        details?: unknown[];
                        /** @enum {boolean} */
                        error: true;
                        /** @enum {string} */
                        message: "SERVICE_UNAVAILABLE";
                        /** @description Also in `x-request-id` */
                        request_id?: string;
                    };
                };
            };
        };
    };
}
