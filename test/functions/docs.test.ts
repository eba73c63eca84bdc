/** docs/api.md states the limits the code enforces; this keeps the two together. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_GRID_CELLS, MAX_HORIZON_DAYS, MAX_PATH_STEPS, MAX_PATHS, MAX_REPLAY_ROWS } from '@alvh/shared';
import { DEFAULT_MAX_BODY_BYTES } from '../../functions/src/config';
import { routes } from '../../functions/src/routes';

const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
/** 2000000 → "2 000 000", as the doc writes numbers. */
const spaced = (n: number) => n.toLocaleString('en-US').replace(/,/g, ' ');

describe('docs/api.md', () => {
  it.each([
    ['paths per run', `${spaced(MAX_PATHS)} paths per run`],
    ['path-steps per request', `${spaced(MAX_PATH_STEPS)} path-steps`],
    ['horizon days', `${MAX_HORIZON_DAYS} horizon days`],
    ['grid cells', `${spaced(MAX_GRID_CELLS)} cells`],
    ['replay rows', `${spaced(MAX_REPLAY_ROWS)} rows`],
    ['body limit', `${DEFAULT_MAX_BODY_BYTES / 1024 / 1024} MiB`],
  ])('states the %s limit', (_what, text) => {
    expect(doc).toContain(text);
  });

  it('lists every route of the table', () => {
    for (const r of routes) expect(doc).toContain(`| ${r.method} | \`/api/${r.route}\``);
  });
});
