/**
 * The add-in's two rooms, functions/ (the worksheet functions) and taskpane/, import only the sizing
 * package, their own files and addin/src/common; common imports only the sizing package and itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './stubs/customFunctions';

const src = join(repoRoot, 'addin', 'src');

function importsOf(folder: string): { file: string; from: string }[] {
  return readdirSync(join(src, folder))
    .filter((f) => f.endsWith('.ts'))
    .flatMap((file) =>
      [...readFileSync(join(src, folder, file), 'utf8').matchAll(/^(?:import|export)[^;]*?from '([^']+)';/gms)].map(
        (m) => ({ file: `${folder}/${file}`, from: m[1] as string }),
      ),
    );
}

describe('addin/src rooms', () => {
  it.each([
    ['functions', /^(@alvh\/shared|\.\/[\w]+|\.\.\/common\/[\w]+)$/],
    ['taskpane', /^(@alvh\/shared|chart\.js|\.\/[\w]+|\.\.\/common\/[\w]+)$/],
    ['common', /^(@alvh\/shared|\.\/[\w]+)$/],
  ])('%s imports only what it may', (folder, allowed) => {
    const found = importsOf(folder);
    expect(found.length).toBeGreaterThan(3);
    for (const i of found) expect(i.from, i.file).toMatch(allowed);
  });

  it('keeps every source file under about 400 lines, but the taskpane page wiring', () => {
    for (const folder of ['functions', 'taskpane', 'common']) {
      for (const f of readdirSync(join(src, folder)).filter((n) => n.endsWith('.ts'))) {
        const lines = readFileSync(join(src, folder, f), 'utf8').split('\n').length;
        if (`${folder}/${f}` === 'taskpane/taskpane.ts') expect(lines).toBeLessThan(600);
        else expect(lines, `${folder}/${f}`).toBeLessThan(420);
      }
    }
  });
});
