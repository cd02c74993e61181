import { describe, expect, it } from 'vitest';
import { createLogger, sanitizeUrl } from '../../src/logging/logger.js';
import { CapturedLog } from '../helpers/test-app.js';

describe('log redaction', () => {
  it('blanks credentials in headers and bodies', () => {
    const log = new CapturedLog();
    const logger = createLogger('info', log.stream);
    logger.info(
      {
        req: { method: 'GET', url: '/cb?code=c0de&state=s1', ip: '127.0.0.1', headers: { authorization: 'Bearer abc123', cookie: 'flow=xyz' } },
        form: { client_secret: 's3cr3t', refresh_token: 'r3fr3sh' },
        headers: { authorization: 'Basic dXNlcjpwdw==' },
      },
      'request',
    );
    logger.info({ req: { headers: { authorization: 'Bearer abc123' } } }, 'raw');
    logger.flush();
    expect(log.lines[0]).toMatchObject({
      req: { method: 'GET', url: '/cb?code=%5BRedacted%5D&state=s1', remoteAddress: '127.0.0.1' },
      form: { client_secret: '[Redacted]', refresh_token: '[Redacted]' },
    });
    expect(log.text()).not.toMatch(/abc123|xyz|s3cr3t|r3fr3sh|c0de|dXNlc/);
  });

  it('strips secret query parameters from URLs and leaves others alone', () => {
    expect(sanitizeUrl('/demo/callback?code=abc&state=s1')).toBe('/demo/callback?code=%5BRedacted%5D&state=s1');
    expect(sanitizeUrl('/v2.0/vehicles?limit=10')).toBe('/v2.0/vehicles?limit=10');
    expect(sanitizeUrl('/healthz')).toBe('/healthz');
  });
});
