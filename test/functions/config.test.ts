/**
 * Host settings: unset or blank means the default; a value set but malformed or out of range is an
 * error naming the setting and its range, never a quiet fall back to the default.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEFAULT_JOB_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  MAX_BODY_BYTES_SETTING,
  MAX_CONNECTIONS_SETTING,
  MAX_SHUTDOWN_GRACE_MS,
  checkConfig,
  computeQueue,
  computeThreads,
  corsOrigins,
  describeConfig,
  jobTimeoutMs,
  maxBodyBytes,
  maxConnections,
  shutdownGraceMs,
} from '../../functions/src/config';
import { corsHeaders, isOriginAllowed, preflightHeaders } from '../../functions/src/http/cors';

describe('host settings', () => {
  it('unset or blank gives the defaults', () => {
    for (const env of [{}, { ALVH_JOB_TIMEOUT_MS: ' ', ALVH_MAX_BODY_BYTES: '', ALVH_COMPUTE_QUEUE: '' }]) {
      expect(jobTimeoutMs(env)).toBe(DEFAULT_JOB_TIMEOUT_MS);
      expect(maxBodyBytes(env)).toBe(DEFAULT_MAX_BODY_BYTES);
      expect(computeThreads(env)).toBeUndefined();
      expect(computeQueue(env)).toBeUndefined();
      expect(() => checkConfig(env)).not.toThrow();
    }
  });

  it('takes whole numbers inside each range, the bounds included', () => {
    expect(jobTimeoutMs({ ALVH_JOB_TIMEOUT_MS: '600000' })).toBe(600_000);
    expect(jobTimeoutMs({ ALVH_JOB_TIMEOUT_MS: '1' })).toBe(1);
    expect(maxBodyBytes({ ALVH_MAX_BODY_BYTES: ' 8388608 ' })).toBe(8_388_608);
    expect(computeThreads({ ALVH_COMPUTE_THREADS: '256' })).toBe(256);
    expect(computeQueue({ ALVH_COMPUTE_QUEUE: '0' })).toBe(0);
    expect(describeConfig({ ALVH_JOB_TIMEOUT_MS: '300000' })[2]).toContain('at most 300000 ms each');
    // the thread count in words: one thread is no "1 threads"; unset is one per core
    const threads = (n?: string) => describeConfig(n === undefined ? {} : { ALVH_COMPUTE_THREADS: n })[2];
    expect(threads('1')).toMatch(/, 1 thread \(ALVH_COMPUTE_THREADS\)$/);
    expect(threads('2')).toMatch(/, 2 threads \(ALVH_COMPUTE_THREADS\)$/);
    expect(threads()).toMatch(/, one thread per core \(ALVH_COMPUTE_THREADS\)$/);
    expect(shutdownGraceMs({ ALVH_SHUTDOWN_GRACE_MS: '0' })).toBe(0);
    expect(shutdownGraceMs({ ALVH_SHUTDOWN_GRACE_MS: ' 600000 ' })).toBe(600_000);
    expect(maxConnections({ ALVH_MAX_CONNECTIONS: '1' })).toBe(1);
    expect(maxConnections({ ALVH_MAX_CONNECTIONS: '100000' })).toBe(100_000);
  });

  it("the local host's settings default when unset or blank", () => {
    for (const env of [{}, { ALVH_SHUTDOWN_GRACE_MS: ' ', ALVH_MAX_CONNECTIONS: '' }]) {
      expect(shutdownGraceMs(env)).toBe(10_000);
      expect(maxConnections(env)).toBe(256);
    }
  });

  // The local host's own settings: the same digits-only rule (no `1e4`, `0x10`, `0b11`), and a grace
  // Node's timers can hold (past 2^31 − 1 ms a timer fires at once and would cut requests at once).
  it.each([
    ['ALVH_SHUTDOWN_GRACE_MS', '1e4', 'milliseconds from 0 to 600,000'],
    ['ALVH_SHUTDOWN_GRACE_MS', '0x10', 'milliseconds from 0 to 600,000'],
    ['ALVH_SHUTDOWN_GRACE_MS', '-1', 'milliseconds from 0 to 600,000'],
    ['ALVH_SHUTDOWN_GRACE_MS', '600001', 'milliseconds from 0 to 600,000'],
    ['ALVH_SHUTDOWN_GRACE_MS', '3000000000', 'milliseconds from 0 to 600,000'],
    ['ALVH_MAX_CONNECTIONS', '0b11', 'connections from 1 to 100,000'],
    ['ALVH_MAX_CONNECTIONS', '1e3', 'connections from 1 to 100,000'],
    ['ALVH_MAX_CONNECTIONS', '0', 'connections from 1 to 100,000'],
    ['ALVH_MAX_CONNECTIONS', '100001', 'connections from 1 to 100,000'],
  ])('%s=%s is an error naming it and its range', (name, value, range) => {
    const env = { [name]: value };
    const read = name === 'ALVH_MAX_CONNECTIONS' ? maxConnections : shutdownGraceMs;
    expect(() => read(env)).toThrow(ConfigError);
    expect(() => read(env)).toThrow(`${name} is "${value}": set it to a whole number of ${range}`);
  });

  it.each([
    ['ALVH_JOB_TIMEOUT_MS', '900000', 'milliseconds from 1 to 600,000'],
    ['ALVH_JOB_TIMEOUT_MS', '0', 'milliseconds from 1 to 600,000'],
    ['ALVH_JOB_TIMEOUT_MS', '60s', 'milliseconds from 1 to 600,000'],
    ['ALVH_MAX_BODY_BYTES', '8MB', 'bytes from 1 to 67,108,864'],
    ['ALVH_MAX_BODY_BYTES', '1e6', 'bytes from 1 to 67,108,864'],
    ['ALVH_COMPUTE_THREADS', '0', 'threads from 1 to 256'],
    ['ALVH_COMPUTE_THREADS', '2.5', 'threads from 1 to 256'],
    ['ALVH_COMPUTE_QUEUE', '-1', 'runs from 0 to 10,000'],
  ])('%s=%s is an error naming it and its range', (name, value, range) => {
    const env = { [name]: value };
    expect(() => checkConfig(env)).toThrow(ConfigError);
    expect(() => checkConfig(env)).toThrow(`${name} is "${value}": set it to a whole number of ${range}`);
    expect(() => describeConfig(env)).toThrow(name);
  });

  it("docs/deploy.md's settings table states each range the host enforces", () => {
    const deploy = readFileSync(new URL('../../docs/deploy.md', import.meta.url), 'utf8');
    const row = (name: string) => deploy.split('\n').find((l) => l.startsWith(`| \`${name}\` |`)) ?? '';
    expect(row('ALVH_MAX_BODY_BYTES')).toContain(`1 to ${MAX_BODY_BYTES_SETTING} bytes`);
    expect(row('ALVH_MAX_CONNECTIONS')).toContain(`1 to ${MAX_CONNECTIONS_SETTING};`);
    expect(row('ALVH_SHUTDOWN_GRACE_MS')).toContain(`0 to ${MAX_SHUTDOWN_GRACE_MS} ms`);
  });
});

describe('CORS origins', () => {
  // `/\/+$/` tried every slash of a run to its end: 100,000 slashes took 19 s and the time grows
  // with the square, so this origin took hours (an Origin header of 16 KB of slashes, 0.15 s of the
  // request thread each). The test's time limit is only the backstop: nothing here measures time.
  it('cut the trailing slashes in one pass, of an Origin header and of the setting', () => {
    expect(isOriginAllowed('https://a.example//', ['https://a.example'])).toBe(true);
    expect(isOriginAllowed('/'.repeat(3_000_000) + 'x', ['https://a.example'])).toBe(false);
    expect(corsOrigins({ ALVH_CORS_ORIGINS: `https://a.example/,${'/'.repeat(3_000_000)}x` })).toEqual([
      'https://a.example',
      '/'.repeat(3_000_000) + 'x',
    ]);
  });

  it('* allows any origin and answers with *, not the origin echoed', () => {
    expect(isOriginAllowed('https://b.example', ['*'])).toBe(true);
    expect(corsHeaders('https://b.example', ['*'])['access-control-allow-origin']).toBe('*');
    expect(corsHeaders('https://b.example', ['https://a.example'])).toEqual({});
  });

  it('a listed origin is echoed, with Vary: Origin so a cache keeps one answer per origin', () => {
    const headers = corsHeaders('https://a.example', ['https://a.example']);
    expect(headers['access-control-allow-origin']).toBe('https://a.example');
    expect(headers.vary).toBe('Origin');
  });

  it("a preflight allows the route's methods and OPTIONS", () => {
    const headers = preflightHeaders('https://a.example', ['https://a.example'], ['POST']);
    expect(headers['access-control-allow-methods']).toBe('POST, OPTIONS');
    expect(headers['access-control-allow-origin']).toBe('https://a.example');
  });
});
