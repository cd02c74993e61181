/** @module A browser-like client of the dashboard over `app.inject`: keeps cookies, reads CSRF tokens and links out of pages. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** The value of the first hidden `_csrf` field of a page. */
export function csrfTokenOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (match?.[1] === undefined) throw new Error(`the page has no CSRF field:\n${html}`);
  return match[1];
}

/** The cookies a response sets, by name, with their attribute text. */
export function setCookiesOf(response: LightMyRequestResponse): Map<string, string> {
  const header = response.headers['set-cookie'];
  const lines = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return new Map(lines.map((line) => [line.slice(0, line.indexOf('=')), line]));
}

export class DashboardClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly app: FastifyInstance) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  #remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies) {
      if (cookie.value === '' || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now())) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.#remember(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } }));
  }

  /** Posts a form as a browser would, with no CSRF token added. */
  async postRaw(url: string, form: Readonly<Record<string, string>>): Promise<LightMyRequestResponse> {
    return this.#remember(
      await this.app.inject({ method: 'POST', url, headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() }),
    );
  }

  /** Opens the form's page, then posts the form with that page's CSRF token. */
  async submit(pageUrl: string, actionUrl: string, form: Readonly<Record<string, string>>): Promise<LightMyRequestResponse> {
    const page = await this.get(pageUrl);
    return this.postRaw(actionUrl, { _csrf: csrfTokenOf(page.body), ...form });
  }
}
