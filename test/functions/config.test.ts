/**
 * Host settings: unset or blank means the default; a value set but malformed or out of range is an
 * error naming the setting and its range, never a quiet fall back to the default.
 */
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEFAULT_JOB_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  checkConfig,
  computeQueue,
  computeThreads,
  describeConfig,
  jobTimeoutMs,
  maxBodyBytes,
} from '../../functions/src/config';

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
});
