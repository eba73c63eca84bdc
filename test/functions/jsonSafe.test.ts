import { describe, expect, it } from 'vitest';
import { NonFiniteResultError, toJsonSafe } from '../../functions/src/http/jsonSafe';

describe('toJsonSafe', () => {
  it('turns typed arrays into arrays, deeply', () => {
    const v = { partial: { book: Float64Array.from([1.5, -2]), rebalances: Uint16Array.from([0, 3]) }, n: 2 };
    expect(toJsonSafe(v)).toEqual({ partial: { book: [1.5, -2], rebalances: [0, 3] }, n: 2 });
    expect(JSON.stringify(toJsonSafe(v))).toBe('{"partial":{"book":[1.5,-2],"rebalances":[0,3]},"n":2}');
  });

  it.each([
    [{ a: NaN }, 'a'],
    [{ a: { b: [1, Infinity] } }, 'a.b[1]'],
    [{ xs: Float64Array.from([0, 0, -Infinity]) }, 'xs[2]'],
    [NaN, '(root)'],
  ])('refuses %o, naming %s', (value, path) => {
    try {
      toJsonSafe(value);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NonFiniteResultError);
      expect((e as NonFiniteResultError).path).toBe(path);
    }
  });

  it('drops undefined like JSON does and keeps null', () => {
    expect(toJsonSafe({ a: undefined, b: null, c: 'x' })).toEqual({ b: null, c: 'x' });
  });
});
