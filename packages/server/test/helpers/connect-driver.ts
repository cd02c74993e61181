/** @module Walks Connect's pages through `app.inject`, keeping cookies and posting each page's own form fields, as a browser would. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface Step {
  readonly status: number;
  readonly location: string | undefined;
  readonly html: string;
  readonly response: LightMyRequestResponse;
}

/** One browser-like session: a cookie jar and the last page's hidden fields. */
export class ConnectDriver {
  readonly cookies = new Map<string, string>();
  readonly #app: FastifyInstance;

  constructor(app: FastifyInstance) {
    this.#app = app;
  }

  async get(url: string): Promise<Step> {
    return this.#record(await this.#app.inject({ method: 'GET', url, headers: this.#cookieHeader() }));
  }

  async post(url: string, fields: Readonly<Record<string, string | readonly string[]>>): Promise<Step> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const item of typeof value === 'string' ? [value] : value) body.append(name, item);
    return this.#record(
      await this.#app.inject({ method: 'POST', url, headers: { ...this.#cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() }),
    );
  }

  /** Follows same-origin redirects (relative `Location`s) until a page or an external redirect. */
  async follow(step: Step): Promise<Step> {
    let current = step;
    while (current.location !== undefined && current.location.startsWith('/')) current = await this.get(current.location);
    return current;
  }

  /** Posts the page's form (`flow`, `csrf`) plus `extra` to `action`. */
  async submit(page: Step, action: string, extra: Readonly<Record<string, string | readonly string[]>> = {}): Promise<Step> {
    return this.follow(await this.post(action, { ...hiddenFields(page.html), ...extra }));
  }

  #cookieHeader(): Record<string, string> {
    return this.cookies.size === 0 ? {} : { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  }

  #record(response: LightMyRequestResponse): Step {
    for (const cookie of response.cookies) {
      if (cookie.value === '' || (cookie.maxAge !== undefined && cookie.maxAge <= 0) || (cookie.expires !== undefined && cookie.expires.getTime() < Date.now())) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const location = response.headers.location;
    return { status: response.statusCode, location: typeof location === 'string' ? location : undefined, html: response.body, response };
  }
}

/** The hidden `flow` and `csrf` inputs of a page. */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="(flow|csrf)" value="([^"]*)">/g)) fields[match[1] ?? ''] = match[2] ?? '';
  return fields;
}

/** The query parameters of an external redirect. */
export function redirectParams(location: string | undefined): Record<string, string> {
  if (location === undefined) throw new Error('expected a redirect');
  return Object.fromEntries(new URL(location).searchParams);
}

/** The `Connect URL` for a client. */
export function authorizeUrl(params: Readonly<Record<string, string>>): string {
  return `/oauth/authorize?${new URLSearchParams(params).toString()}`;
}
