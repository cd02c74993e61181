/** @module A DNS lookup for outgoing callbacks that refuses names resolving into ranges the configuration does not allow. */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { WebhookAddressClass } from '../config/setting-parsers.js';
import { addressRefusal } from './address-ranges.js';

/** The error a refused resolution fails the request with; its message is shown in the delivery log. */
export class RefusedAddressError extends Error {
  override readonly name = 'RefusedAddressError';
  readonly code = 'ERR_WEBHOOK_ADDRESS_REFUSED';
}

/** Resolves a host name to all its addresses (`dns.lookup` with `all: true` by default). */
export type HostResolver = (hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const systemResolver: HostResolver = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, callback);
};

/**
 * Builds the `lookup` a socket uses to resolve the callback's host. Checking here, on the very
 * addresses the socket will connect to, closes the gap a separate "resolve, check, then connect"
 * would leave to DNS rebinding. Every resolved address must be acceptable, not just the first.
 */
export function safeLookup(allowed: readonly WebhookAddressClass[], resolve: HostResolver = systemResolver): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    resolve(hostname, options, (error, addresses) => {
      if (error !== null) {
        callback(error, '', 0);
        return;
      }
      for (const { address } of addresses) {
        const refusal = addressRefusal(address, allowed);
        if (refusal !== null) {
          callback(new RefusedAddressError(`${hostname} resolves to ${refusal}`), '', 0);
          return;
        }
      }
      const first = addresses[0];
      if (options.all === true) callback(null, addresses);
      else if (first === undefined) callback(Object.assign(new Error(`${hostname} did not resolve`), { code: 'ENOTFOUND' }), '', 0);
      else callback(null, first.address, first.family);
    });
  };
}
