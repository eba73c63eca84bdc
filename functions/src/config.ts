/**
 * Host settings read from the environment (app settings in Azure, the shell for the local host).
 * Every setting has a safe default; a malformed value here is ignored in favour of the default
 * (PORT, ALVH_MAX_CONNECTIONS and ALVH_SHUTDOWN_GRACE_MS, read by the local host, are errors
 * instead), and {@link describeConfig} lists what is in effect.
 */

/** Largest request body accepted, in bytes (4 MiB: a 22-year daily history fits with room to spare). */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** The add-in's origin during development (the manifest's https://localhost:3000). */
export const DEFAULT_CORS_ORIGINS: readonly string[] = ['https://localhost:3000'];

/** `ALVH_MAX_BODY_BYTES`: a positive integer of bytes, else {@link DEFAULT_MAX_BODY_BYTES}. */
export function maxBodyBytes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ALVH_MAX_BODY_BYTES;
  if (raw === undefined || raw.trim() === '') return DEFAULT_MAX_BODY_BYTES;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_MAX_BODY_BYTES;
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
    .map((s) => s.trim().replace(/\/+$/, ''))
    .filter((s) => s !== '');
}

/**
 * `ALVH_COMPUTE_THREADS`: worker threads of the compute pool, a positive integer; undefined (the
 * pool's default, one per core) when unset or malformed.
 */
export function computeThreads(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.ALVH_COMPUTE_THREADS;
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 && n <= 256 ? n : undefined;
}

function positiveIntEnv(raw: string | undefined, max: number): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 && n <= max ? n : undefined;
}

/** Default wall-clock limit of one heavy job from the start of its work (ms); also its longest wait to start. */
export const DEFAULT_JOB_TIMEOUT_MS = 60_000;

/** `ALVH_JOB_TIMEOUT_MS`: wall-clock limit of one heavy job in ms (1 to 600,000); default 60,000. */
export function jobTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return positiveIntEnv(env.ALVH_JOB_TIMEOUT_MS, 600_000) ?? DEFAULT_JOB_TIMEOUT_MS;
}

/** `ALVH_COMPUTE_QUEUE`: most heavy runs in progress beyond one per thread; default 4 per thread. 0 is allowed (one run per thread). */
export function computeQueue(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.ALVH_COMPUTE_QUEUE;
  if (raw !== undefined && raw.trim() === '0') return 0;
  return positiveIntEnv(raw, 10_000);
}

/** Human-readable summary of the settings in effect, for the host's start-up banner. */
export function describeConfig(env: NodeJS.ProcessEnv = process.env): string[] {
  return [
    `body limit ${maxBodyBytes(env)} bytes (ALVH_MAX_BODY_BYTES)`,
    `CORS origins ${corsOrigins(env).join(', ')} (ALVH_CORS_ORIGINS)`,
    `heavy runs: at most ${jobTimeoutMs(env)} ms each (ALVH_JOB_TIMEOUT_MS), one per thread and ${computeQueue(env) ?? '4 per thread'} more in progress (ALVH_COMPUTE_QUEUE)`,
  ];
}
