/**
 * Excel's custom functions runtime, as far as the built add-in needs it: a `CustomFunctions` global
 * with `Error`, `ErrorCode` and `associate`. {@link loadBuiltFunctions} runs the BUILT
 * addin/dist/functions.js in a fresh VM context with that global, as Excel loads the script, and
 * returns what it registered by id.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { beforeAll } from 'vitest';

export const repoRoot = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..');
export const addinDist = join(repoRoot, 'addin', 'dist');

/** Excel's error codes (the values Excel shows). */
export const ErrorCode = {
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  divisionByZero: '#DIV/0!',
  invalidNumber: '#NUM!',
  nullReference: '#NULL!',
  invalidName: '#NAME?',
  invalidReference: '#REF!',
} as const;

/** The runtime's error object: a code and an optional message. */
export class CustomFunctionsError {
  readonly code: string;
  readonly message: string | undefined;
  constructor(code: string, message?: string) {
    this.code = code;
    this.message = message;
  }
}

export type CustomFunction = (...args: unknown[]) => unknown;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Runs `node addin/build.mjs` when addin/dist is missing or older than the sources it is built
 * from (the functions, the shared package, the build script and the manifest's assets).
 */
export function ensureAddinBuilt(): void {
  const marker = join(addinDist, 'functions.js');
  const sources = Math.max(
    newestMtime(join(repoRoot, 'addin', 'src')),
    newestMtime(join(repoRoot, 'shared', 'src')),
    newestMtime(join(repoRoot, 'addin', 'assets')),
    statSync(join(repoRoot, 'addin', 'build.mjs')).mtimeMs,
  );
  if (existsSync(marker) && statSync(marker).mtimeMs >= sources) return;
  execFileSync(process.execPath, [join(repoRoot, 'addin', 'build.mjs')], { cwd: repoRoot, stdio: 'pipe' });
}

/** Loads the built functions.js with a stub runtime; returns the functions by registered id. */
export function loadBuiltFunctions(): Map<string, CustomFunction> {
  const registered = new Map<string, CustomFunction>();
  const CustomFunctions = {
    Error: CustomFunctionsError,
    ErrorCode,
    associate(id: string, fn: CustomFunction): void {
      if (registered.has(id)) throw new Error(`${id} registered twice`);
      registered.set(id, fn);
    },
  };
  const code = readFileSync(join(addinDist, 'functions.js'), 'utf8');
  vm.runInNewContext(code, { CustomFunctions }, { filename: 'functions.js' });
  return registered;
}

/** The CustomFunctions.Error a call threw (fails when it returned or threw something else). */
export function errorOf(call: () => unknown): CustomFunctionsError {
  try {
    const value = call();
    throw new Error(`expected a CustomFunctions.Error, got ${JSON.stringify(value)}`);
  } catch (e) {
    if (e instanceof CustomFunctionsError) return e;
    throw e;
  }
}

/**
 * The built functions for a test file: builds the add-in when needed and loads its functions once
 * (in `beforeAll`); the returned `call` invokes one through its registered id, as Excel does
 * (omitted optionals are null).
 */
export function useBuiltFunctions(): (id: string, ...args: unknown[]) => unknown {
  let fns: Map<string, CustomFunction> | undefined;
  beforeAll(() => {
    ensureAddinBuilt();
    fns = loadBuiltFunctions();
  });
  return (id, ...args) => {
    const fn = fns?.get(id);
    if (!fn) throw new Error(`${id} is not registered`);
    return fn(...args);
  };
}
