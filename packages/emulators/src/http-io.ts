/** @module The little HTTP plumbing an emulated cloud needs: reading a body, answering JSON or HTML. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Request bodies beyond this are refused: an emulator has no business reading megabytes. */
const MAX_BODY_BYTES = 64 * 1024;

/** The request's body as text (empty when there is none). */
export async function bodyText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A form (`application/x-www-form-urlencoded`) or JSON body as string fields, whichever the client sent. */
export async function bodyFields(request: IncomingMessage): Promise<Record<string, string>> {
  const text = await bodyText(request);
  if ((request.headers['content-type'] ?? '').includes('application/json')) {
    const parsed: unknown = text === '' ? {} : JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
  }
  return Object.fromEntries(new URLSearchParams(text));
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
}

export function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:" }).end(html);
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
