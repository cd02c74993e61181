/**
 * @module Which range an IP address falls in (loopback, private, link-local, reserved or public), for
 * the callback safety checks. The special-purpose ranges come from ipaddr.js, which follows the IANA
 * special-purpose registries; only its `unicast` (global) space is public.
 */
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import ipaddr from 'ipaddr.js';
import type { WebhookAddressClass } from '../config/setting-parsers.js';

/** A range callbacks may never reach, whatever the configuration (multicast, documentation, benchmarking, translation and other non-global space). */
export type AddressClass = WebhookAddressClass | 'reserved';

/*
 * 0.0.0.0/8 and :: count as loopback because connecting to them reaches the local host on Linux;
 * carrier-grade NAT and unique-local space count as private because the internet cannot reach them.
 */
const classOfRange: Readonly<Record<string, AddressClass>> = {
  loopback: 'loopback',
  unspecified: 'loopback',
  private: 'private',
  carrierGradeNat: 'private',
  uniqueLocal: 'private',
  linkLocal: 'link-local',
};

/** This machine's own interface addresses reach this machine, whatever range they are in. */
function isOwnAddress(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  const normalized = address.toNormalizedString();
  return Object.values(networkInterfaces()).some((entries) =>
    (entries ?? []).some((entry) => ipaddr.isValid(entry.address) && ipaddr.parse(entry.address).toNormalizedString() === normalized),
  );
}

/** `::ffff:127.0.0.1` reaches 127.0.0.1, and `::127.0.0.1` (IPv4-compatible, deprecated) is never global: check the IPv4 inside. */
function unwrapped(address: ipaddr.IPv4 | ipaddr.IPv6): { address: ipaddr.IPv4 | ipaddr.IPv6; compatible: boolean } {
  if (address.kind() !== 'ipv6') return { address, compatible: false };
  const v6 = address as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return { address: v6.toIPv4Address(), compatible: false };
  const parts = v6.parts;
  const compatible = parts.slice(0, 6).every((part) => part === 0) && v6.range() !== 'loopback' && v6.range() !== 'unspecified';
  return { address: v6, compatible };
}

/** The range of an IP address, or null for a public address; throws for something that is not an IP address. */
export function addressClassOf(rawAddress: string): AddressClass | null {
  const text = rawAddress.replace(/^\[|\]$/g, '');
  // Only the forms a resolver answers with; ipaddr.js alone would also take `2130706433` or `0x7f.1`.
  if (isIP(text) === 0) {
    throw new TypeError(`not an IP address: ${rawAddress}`);
  }
  const { address, compatible } = unwrapped(ipaddr.parse(text));
  if (compatible) return 'reserved';
  const range = address.range();
  const known = classOfRange[range];
  if (known !== undefined) return known;
  if (isOwnAddress(address)) return 'loopback';
  return range === 'unicast' ? null : 'reserved';
}

/**
 * Why an address may not be reached under `allowed`, or null when it may. The sentence names the
 * setting to change, so the developer reading a failed verification knows what to do.
 */
export function addressRefusal(address: string, allowed: readonly WebhookAddressClass[]): string | null {
  const range = addressClassOf(address);
  if (range === null) return null;
  if (range === 'reserved') return `${address} is a multicast, reserved or other special-purpose address, which webhooks never reach`;
  if (allowed.includes(range)) return null;
  return `${address} is a ${range} address; set CARPORT_WEBHOOK_ALLOW_ADDRESSES to include ${range} to allow it`;
}
