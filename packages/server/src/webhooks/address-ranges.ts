/** @module Which range an IP address falls in (loopback, private, link-local, reserved or public), for the callback safety checks. */
import { BlockList, isIP } from 'node:net';
import type { WebhookAddressClass } from '../config/settings.js';

/** A range callbacks may never reach, whatever the configuration (multicast and reserved space). */
export type AddressClass = WebhookAddressClass | 'reserved';

function blockList(v4: readonly string[], v6: readonly string[]): BlockList {
  const list = new BlockList();
  for (const subnet of v4) {
    const [network = '', prefix = ''] = subnet.split('/');
    list.addSubnet(network, Number(prefix), 'ipv4');
  }
  for (const subnet of v6) {
    const [network = '', prefix = ''] = subnet.split('/');
    list.addSubnet(network, Number(prefix), 'ipv6');
  }
  return list;
}

/*
 * 0.0.0.0/8 and :: count as loopback because connecting to them reaches the local host on Linux;
 * 100.64.0.0/10 (carrier-grade NAT) counts as private because it is not reachable from the internet.
 */
const ranges: readonly (readonly [AddressClass, BlockList])[] = [
  ['loopback', blockList(['127.0.0.0/8', '0.0.0.0/8'], ['::1/128', '::/128'])],
  ['private', blockList(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'], ['fc00::/7'])],
  ['link-local', blockList(['169.254.0.0/16'], ['fe80::/10'])],
  ['reserved', blockList(['224.0.0.0/4', '240.0.0.0/4'], ['ff00::/8'])],
];

/** `::ffff:7f00:1` and `::ffff:127.0.0.1` reach 127.0.0.1: check IPv4-mapped addresses as IPv4. */
function unmapped(address: string): string {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted?.[1] !== undefined) return dotted[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex?.[1] === undefined || hex[2] === undefined) return address;
  const high = Number.parseInt(hex[1], 16);
  const low = Number.parseInt(hex[2], 16);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The range of an IP address, or null for a public address; throws for something that is not an IP address. */
export function addressClassOf(rawAddress: string): AddressClass | null {
  const address = unmapped(rawAddress.replace(/^\[|\]$/g, ''));
  const version = isIP(address);
  if (version === 0) throw new TypeError(`not an IP address: ${rawAddress}`);
  const type = version === 4 ? 'ipv4' : 'ipv6';
  for (const [name, list] of ranges) if (list.check(address, type)) return name;
  return null;
}

/**
 * Why an address may not be reached under `allowed`, or null when it may. The sentence names the
 * setting to change, so the developer reading a failed verification knows what to do.
 */
export function addressRefusal(address: string, allowed: readonly WebhookAddressClass[]): string | null {
  const range = addressClassOf(address);
  if (range === null) return null;
  if (range === 'reserved') return `${address} is a multicast or reserved address, which webhooks never reach`;
  if (allowed.includes(range)) return null;
  return `${address} is a ${range} address; set CARPORT_WEBHOOK_ALLOW_ADDRESSES to include ${range} to allow it`;
}
