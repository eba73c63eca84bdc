/**
 * The Chromium the browser suites drive through playwright-core, resolved in this order:
 *
 * 1. `CHROMIUM_PATH` (an executable; an empty value counts as unset),
 * 2. a `chromium` on `PATH` (Debian's package, say),
 * 3. the build inside the `@sparticuz/chromium` devDependency, unpacked once per version into
 *    `node_modules/.cache/alvh-chromium/<version>/` (so `npm install` alone brings a browser).
 *
 * Every launch is headless, sandbox-free (the suites may run as root, where Chromium refuses its
 * sandbox) and off the network: no background requests.
 */
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium as playwright, type Browser } from 'playwright-core';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Flags every launch adds: no sandbox (root), no background traffic (update checks, field trials). */
const QUIET = ['--no-sandbox', '--disable-background-networking'];

/** A system Chromium is a full browser: also without its GPU process. */
const SYSTEM = [...QUIET, '--disable-gpu'];

/**
 * `@sparticuz/chromium`'s own flags relax the page's security model (`--disable-web-security`,
 * `--allow-running-insecure-content`) for scraping; the suites check what a real browser allows,
 * so those two are left out.
 */
const RELAXING = new Set(['--disable-web-security', '--allow-running-insecure-content']);

export type ChromiumSource = 'CHROMIUM_PATH' | 'PATH' | '@sparticuz/chromium';

export interface ResolvedChromium {
  executablePath: string;
  args: string[];
  source: ChromiumSource;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first `chromium` on `PATH` that is an executable file, or undefined. */
export function chromiumOnPath(path = process.env['PATH'] ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'chromium');
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Unpack `@sparticuz/chromium` into the project's cache and return its executable. The package
 * unpacks into `os.tmpdir()` (read when `executablePath()` is called) and reuses whatever it finds
 * there; it is pointed at a fresh folder that is then renamed into place, so two suites starting
 * together never run a half-written binary, and another project's `/tmp/chromium` is never used.
 */
async function sparticuzChromium(): Promise<ResolvedChromium> {
  const { default: sparticuz } = await import('@sparticuz/chromium');
  const pkg = JSON.parse(
    readFileSync(join(repoRoot, 'node_modules', '@sparticuz', 'chromium', 'package.json'), 'utf8'),
  ) as { version: string };
  const cache = join(repoRoot, 'node_modules', '.cache', 'alvh-chromium');
  const target = join(cache, pkg.version);
  const executable = join(target, 'chromium');
  if (!isExecutable(executable)) {
    mkdirSync(cache, { recursive: true });
    const scratch = mkdtempSync(join(cache, `${pkg.version}-unpacking-`));
    const saved = process.env['TMPDIR'];
    process.env['TMPDIR'] = scratch;
    let unpacked: Promise<string>;
    try {
      // The package reads tmpdir() synchronously before its first await: restore it at once.
      unpacked = sparticuz.executablePath();
    } finally {
      if (saved === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = saved;
    }
    const inScratch = await unpacked;
    if (inScratch !== join(scratch, 'chromium') || !isExecutable(inScratch)) {
      rmSync(scratch, { recursive: true, force: true });
      throw new Error(
        `@sparticuz/chromium unpacked to ${inScratch}, not ${scratch}: set CHROMIUM_PATH to a Chromium executable instead`,
      );
    }
    try {
      renameSync(scratch, target);
    } catch {
      // Another suite finished first: use its copy.
      rmSync(scratch, { recursive: true, force: true });
    }
    if (!isExecutable(executable)) {
      throw new Error(`no Chromium at ${executable} after unpacking @sparticuz/chromium; set CHROMIUM_PATH instead`);
    }
  }
  const args = sparticuz.args.filter((a) => !RELAXING.has(a));
  return { executablePath: executable, args: [...new Set([...args, ...QUIET])], source: '@sparticuz/chromium' };
}

/** Where the suites' Chromium comes from, and the flags to launch it with. */
export async function resolveChromium(env: NodeJS.ProcessEnv = process.env): Promise<ResolvedChromium> {
  const fromEnv = env['CHROMIUM_PATH'];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!existsSync(fromEnv) || !isExecutable(fromEnv)) {
      throw new Error(
        `CHROMIUM_PATH=${fromEnv} is not an executable file: point it at a Chromium binary, or unset it to use a chromium on PATH or @sparticuz/chromium`,
      );
    }
    return { executablePath: fromEnv, args: SYSTEM, source: 'CHROMIUM_PATH' };
  }
  const onPath = chromiumOnPath(env['PATH'] ?? '');
  if (onPath) return { executablePath: onPath, args: SYSTEM, source: 'PATH' };
  return sparticuzChromium();
}

/**
 * Launch the resolved Chromium, headless. @sparticuz/chromium's flags run it as one process, where a
 * context's `timezoneId` is not applied (every context reads the first one's zone): a test of the
 * page in another time zone launches its own browser with `TZ` in the launch's `env`.
 */
export async function launchChromium(): Promise<Browser> {
  const { executablePath, args } = await resolveChromium();
  return playwright.launch({ executablePath, args, headless: true });
}
