/**
 * @module The Management API's paging cursor: the keyset position after a page, opaque to clients
 * and signed, so a cursor that was altered or minted for another application is refused.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ConnectionCursor } from '../../store/index.js';

/** Bytes of HMAC-SHA-256 kept; 128 bits is ample against forging a paging position. */
const SIGNATURE_BYTES = 16;

/** Signs and checks cursors with a key derived from the configured secret key. */
export interface CursorCodec {
  encode(position: ConnectionCursor, applicationId: string): string;
  /** The position, or null when the cursor is malformed, altered or another application's. */
  decode(cursor: string, applicationId: string): ConnectionCursor | null;
}

/** A codec whose signatures only this deployment's `secretKey` produces. */
export function createCursorCodec(secretKey: string): CursorCodec {
  const key = createHmac('sha256', secretKey).update('carport management connections cursor v1').digest();
  const sign = (payload: string, applicationId: string) =>
    createHmac('sha256', key).update(applicationId).update('\n').update(payload).digest().subarray(0, SIGNATURE_BYTES);
  return {
    encode(position, applicationId) {
      const payload = Buffer.from(JSON.stringify([position.connectedAt, position.id])).toString('base64url');
      return `${payload}.${sign(payload, applicationId).toString('base64url')}`;
    },
    decode(cursor, applicationId) {
      const [payload, signature, extra] = cursor.split('.');
      if (payload === undefined || signature === undefined || extra !== undefined) return null;
      const given = Buffer.from(signature, 'base64url');
      const expected = sign(payload, applicationId);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      let value: unknown;
      try {
        value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        return null;
      }
      const parts: unknown[] = Array.isArray(value) ? value : [];
      if (parts.length !== 2) return null;
      const [connectedAt, id] = parts;
      return typeof connectedAt === 'string' && typeof id === 'string' ? { connectedAt, id } : null;
    },
  };
}
