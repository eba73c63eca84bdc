/**
 * Which Chromium the browser suites get: CHROMIUM_PATH, else a chromium on PATH, else the one
 * inside @sparticuz/chromium. Checked with stand-in executables (nothing is launched here).
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumOnPath, resolveChromium } from './browser';

const scratch = mkdtempSync(join(tmpdir(), 'alvh-browser-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder holding an executable (or not) file named `chromium`. */
function binDir(name: string, executable: boolean): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'chromium');
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, executable ? 0o755 : 0o644);
  return dir;
}

describe('resolveChromium', () => {
  const system = binDir('system', true);
  const notExecutable = binDir('plain', false);
  const empty = join(scratch, 'empty');
  mkdirSync(empty, { recursive: true });

  it('takes CHROMIUM_PATH first, even with a chromium on PATH', async () => {
    const own = join(binDir('own', true), 'chromium');
    const r = await resolveChromium({ CHROMIUM_PATH: own, PATH: system });
    expect(r).toMatchObject({ executablePath: own, source: 'CHROMIUM_PATH' });
    expect(r.args).toEqual(expect.arrayContaining(['--no-sandbox', '--disable-background-networking']));
  });

  it('rejects a CHROMIUM_PATH that is not an executable, naming the variable and the fix', async () => {
    await expect(resolveChromium({ CHROMIUM_PATH: join(scratch, 'missing'), PATH: system })).rejects.toThrow(
      /CHROMIUM_PATH=.*missing is not an executable file: point it at a Chromium binary, or unset it/,
    );
    await expect(resolveChromium({ CHROMIUM_PATH: join(notExecutable, 'chromium'), PATH: system })).rejects.toThrow(
      /CHROMIUM_PATH=.* is not an executable file/,
    );
  });

  it('takes the first executable chromium on PATH when CHROMIUM_PATH is unset or empty', async () => {
    const path = [empty, notExecutable, system].join(delimiter);
    expect(chromiumOnPath(path)).toBe(join(system, 'chromium'));
    for (const env of [{ PATH: path }, { CHROMIUM_PATH: '', PATH: path }]) {
      const r = await resolveChromium(env);
      expect(r).toMatchObject({ executablePath: join(system, 'chromium'), source: 'PATH' });
      expect(r.args).toContain('--disable-gpu');
    }
  });

  it('falls back to @sparticuz/chromium, unpacked into the project cache, keeping web security on', async () => {
    expect(chromiumOnPath([empty, notExecutable].join(delimiter))).toBeUndefined();
    const r = await resolveChromium({ PATH: [empty, notExecutable].join(delimiter) });
    expect(r.source).toBe('@sparticuz/chromium');
    expect(r.executablePath).toMatch(/node_modules[/\\]\.cache[/\\]alvh-chromium[/\\][\d.]+[/\\]chromium$/);
    expect(r.args).toEqual(expect.arrayContaining(['--no-sandbox', '--disable-background-networking']));
    expect(r.args).not.toContain('--disable-web-security');
    expect(r.args).not.toContain('--allow-running-insecure-content');
    // A second call reuses the unpacked copy.
    expect((await resolveChromium({ PATH: empty })).executablePath).toBe(r.executablePath);
  });
});
