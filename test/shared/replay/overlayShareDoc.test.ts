/**
 * The README's summary of how often the replay holds an overlay at the default caps quotes what
 * docs/replay.md measures, so the two say the same.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8').replace(/\s+/g, ' ');

describe('README.md against docs/replay.md', () => {
  it('gives the share of sizings that held an overlay as the replay counts it', () => {
    const m = /The overlay is held in (\d+) of ([\d,]+) sizings/.exec(read('docs/replay.md'));
    expect(m).not.toBeNull();
    const [held, sizings] = [Number(m![1]), Number(m![2]!.replace(/,/g, ''))];
    const share = ((100 * held) / sizings).toFixed(1);
    expect(read('README.md')).toContain(`the overlay is held in ${held} of ${m![2]} sizings (${share}%)`);
  });
});
