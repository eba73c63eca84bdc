/**
 * Host settings read from the environment (app settings in Azure, the shell for the local host).
 * Every setting has a safe default when unset or blank. A value set but malformed or out of range is
 * an error naming the setting and its range ({@link checkConfig}, run as each host starts): a limit
 * an operator raised must never fall back to the default in silence. {@link describeConfig} lists
 * what is in effect.
 */

/** A setting whose value the host cannot take: the message names it, the value and what to set. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Largest request body accepted, in bytes (4 MiB: a 22-year daily history fits with room to spare). */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** The add-in's origin during development (the manifest's https://localhost:3000). */
export const DEFAULT_CORS_ORIGINS: readonly string[] = ['https://localhost:3000'];

/** Most bytes `ALVH_MAX_BODY_BYTES` may allow (64 MiB): past it one request could hold the host's memory. */
export const MAX_BODY_BYTES_SETTING = 64 * 1024 * 1024;

/**
 * A whole-number setting in [min, max]: undefined when unset or blank, else the number, or a
 * {@link ConfigError} naming it (`8MB`, `1e3`, `900000` past a 600000 bound).
 */
function intSetting(env: NodeJS.ProcessEnv, name: string, min: number, max: number, unit: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new ConfigError(
      `${name} is ${JSON.stringify(raw)}: set it to a whole number of ${unit} from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}, or leave it unset for the default`,
    );
  return n;
}

/** `ALVH_MAX_BODY_BYTES`: bytes, 1 to {@link MAX_BODY_BYTES_SETTING}; default {@link DEFAULT_MAX_BODY_BYTES}. */
export function maxBodyBytes(env: NodeJS.ProcessEnv = process.env): number {
  return intSetting(env, 'ALVH_MAX_BODY_BYTES', 1, MAX_BODY_BYTES_SETTING, 'bytes') ?? DEFAULT_MAX_BODY_BYTES;
}

/**
 * `ALVH_CORS_ORIGINS`: comma-separated origins allowed to call the API from a browser
 * (`https://localhost:3000,https://contoso.example`), or `*` for any. Default
 * {@link DEFAULT_CORS_ORIGINS}. Only the local host applies this list; in Azure the platform's
 * CORS setting does (see docs/deploy.md).
 */
export function corsOrigins(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env.ALVH_CORS_ORIGINS;
  if (raw === undefined || raw.trim() === '') return [...DEFAULT_CORS_ORIGINS];
  return raw
    .split(',')
    .map((s) => s.trim().replace(/(?<!\/)\/+$/, ''))
    .filter((s) => s !== '');
}

/**
 * `ALVH_COMPUTE_THREADS`: worker threads of the compute pool, 1 to 256; undefined (the pool's
 * default, one per core) when unset.
 */
export function computeThreads(env: NodeJS.ProcessEnv = process.env): number | undefined {
  return intSetting(env, 'ALVH_COMPUTE_THREADS', 1, 256, 'threads');
}

/** Default wall-clock limit of one heavy job from the start of its work (ms); also its longest wait to start. */
export const DEFAULT_JOB_TIMEOUT_MS = 60_000;

/** `ALVH_JOB_TIMEOUT_MS`: wall-clock limit of one heavy job in ms (1 to 600,000); default 60,000. */
export function jobTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return intSetting(env, 'ALVH_JOB_TIMEOUT_MS', 1, 600_000, 'milliseconds') ?? DEFAULT_JOB_TIMEOUT_MS;
}

/** `ALVH_COMPUTE_QUEUE`: most heavy runs in progress beyond one per thread, 0 to 10,000; default 4 per thread. */
export function computeQueue(env: NodeJS.ProcessEnv = process.env): number | undefined {
  return intSetting(env, 'ALVH_COMPUTE_QUEUE', 0, 10_000, 'runs');
}

/** Default most open connections of the local host (the add-in keeps a handful; a browser opens at most six per origin). */
export const DEFAULT_MAX_CONNECTIONS = 256;

/** Most connections `ALVH_MAX_CONNECTIONS` may allow: past it the cap no longer guards the host's sockets. */
export const MAX_CONNECTIONS_SETTING = 100_000;

/** `ALVH_MAX_CONNECTIONS` (local host): most open connections, 1 to {@link MAX_CONNECTIONS_SETTING}; default 256. */
export function maxConnections(env: NodeJS.ProcessEnv = process.env): number {
  return intSetting(env, 'ALVH_MAX_CONNECTIONS', 1, MAX_CONNECTIONS_SETTING, 'connections') ?? DEFAULT_MAX_CONNECTIONS;
}

/** Default time requests in flight may finish on SIGTERM/SIGINT before their work is cut (ms). */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/**
 * Longest grace `ALVH_SHUTDOWN_GRACE_MS` may give (10 minutes, the longest a job may run): Node's
 * timers hold at most 2,147,483,647 ms and fire at once past it, which would cut requests at once.
 */
export const MAX_SHUTDOWN_GRACE_MS = 600_000;

/** `ALVH_SHUTDOWN_GRACE_MS` (local host): grace in ms, 0 to {@link MAX_SHUTDOWN_GRACE_MS}; default 10,000. */
export function shutdownGraceMs(env: NodeJS.ProcessEnv = process.env): number {
  return (
    intSetting(env, 'ALVH_SHUTDOWN_GRACE_MS', 0, MAX_SHUTDOWN_GRACE_MS, 'milliseconds') ?? DEFAULT_SHUTDOWN_GRACE_MS
  );
}

/**
 * Every setting read, so that a malformed one stops the host as it starts (the local host exits
 * with the message; the Azure app fails to load with it in the log) instead of at a request.
 */
export function checkConfig(env: NodeJS.ProcessEnv = process.env): void {
  maxBodyBytes(env);
  computeThreads(env);
  jobTimeoutMs(env);
  computeQueue(env);
}

/** Human-readable summary of the settings in effect, for the host's start-up banner. */
export function describeConfig(env: NodeJS.ProcessEnv = process.env): string[] {
  const n = computeThreads(env);
  const threads = n === undefined ? 'one thread per core' : `${n} ${n === 1 ? 'thread' : 'threads'}`;
  return [
    `body limit ${maxBodyBytes(env)} bytes (ALVH_MAX_BODY_BYTES)`,
    `CORS origins ${corsOrigins(env).join(', ')} (ALVH_CORS_ORIGINS)`,
    `heavy runs: at most ${jobTimeoutMs(env)} ms each (ALVH_JOB_TIMEOUT_MS), one per thread and ${computeQueue(env) ?? '4 per thread'} more in progress (ALVH_COMPUTE_QUEUE), ${threads} (ALVH_COMPUTE_THREADS)`,
  ];
}
