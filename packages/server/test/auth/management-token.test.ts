import { describe, expect, it } from 'vitest';
import { managementTokenFrom } from '../../src/auth/authenticate-management-token.js';

const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

describe('management token extraction', () => {
  it.each([
    [undefined, 'missing'],
    ['  ', 'missing'],
    [basic('default:mt_abc'), 'mt_abc'],
    ['Bearer mt_abc', 'mt_abc'],
    ['bearer mt_abc', 'mt_abc'],
    [basic('someone:mt_abc'), 'malformed'],
    [basic('default:'), 'malformed'],
    [basic('no-colon'), 'malformed'],
    ['Digest abc', 'malformed'],
    ['Basic', 'malformed'],
  ])('%s → %s', (header, expected) => {
    const extracted = managementTokenFrom(header);
    expect('token' in extracted ? extracted.token : extracted.refusal).toBe(expected);
  });
});
