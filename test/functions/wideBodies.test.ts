/**
 * Bodies built to be expensive to refuse: hundreds of thousands of unknown fields, a key of
 * megabytes, thousands of issues. Each is a 400 naming where, in a problem document of a few
 * kilobytes, never one that lists or echoes everything the client sent.
 */
import { describe, expect, it } from 'vitest';
import { callRoute } from './postJson';
import { PLAN_EXAMPLE } from '../../functions/src/handlers/examples';
import {
  MAX_ARRAY_ITEMS,
  MAX_JSON_DEPTH,
  MAX_JSON_VALUES,
  MAX_OBJECT_FIELDS,
  checkJsonObjects,
} from '../../functions/src/http/jsonWidth';
import { MAX_LISTED_ISSUES, MAX_PROBLEM_TEXT, problemText } from '../../functions/src/http/problem';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a problem document, read by the assertions
type Json = Record<string, any>;

async function plan(text: string): Promise<{ status: number; size: number; json: Json }> {
  const { status, text: body, json } = await callRoute('plan', { body: text });
  return { status, size: body.length, json };
}

const fields = (n: number, prefix = 'k') => Array.from({ length: n }, (_, i) => `"${prefix}${i}":1`).join(',');

describe('objects with an absurd number of fields', () => {
  it('300 000 unknown fields at the root: a 400 naming (root), a small answer', async () => {
    const { status, size, json } = await plan(`{${fields(300_000)}}`);
    expect([status, json.code, json.field]).toEqual([400, 'invalid_input', '(root)']);
    expect(json.detail).toMatch(new RegExp(`more than ${MAX_OBJECT_FIELDS} fields`));
    expect(size).toBeLessThan(2_000);
  });

  it('names the path of a wide object deep in the body, keys and indices as sent', async () => {
    const body = `{"market":{"futures":[{"expiry":"2026-12-16","price":18.4},{${fields(MAX_OBJECT_FIELDS + 1)}}]}}`;
    const { status, json } = await plan(body);
    expect([status, json.field]).toEqual([400, 'market.futures[1]']);
    expect(() => checkJsonObjects(`{"a":"x:y,z","b":[1,2,{${fields(MAX_OBJECT_FIELDS)}}]}`)).not.toThrow();
    expect(() => checkJsonObjects(`{"a\\"b":{${fields(MAX_OBJECT_FIELDS + 1)}}}`)).toThrowError(/^a"b:/);
  });

  it('lists ten unknown fields and counts the rest', async () => {
    const { status, json } = await plan(
      JSON.stringify({
        ...PLAN_EXAMPLE,
        ...Object.fromEntries(
          fields(25)
            .split(',')
            .map((f) => [f.split('"')[1], 1]),
        ),
      }),
    );
    expect(status).toBe(400);
    const issue = (json.issues as { path: string; message: string }[]).find((i) => i.path === '(root)')!;
    expect(issue.message).toMatch(/^unknown fields "k0", .*"k9", and 15 more: /);
    expect(issue.message).not.toMatch(/"k10"/);
  });

  it('cuts a long key name, saying how long it was', async () => {
    const key = 'k'.repeat(4_000_000);
    const { status, size, json } = await plan(`{"${key}":1}`);
    expect(status).toBe(400);
    expect(size).toBeLessThan(2_000);
    expect(JSON.stringify(json.issues)).toMatch(/k{40}… \(4000000 characters\)/);
  });

  it(`lists at most ${MAX_LISTED_ISSUES} issues, and counts the rest`, async () => {
    const leg = { kind: 'spx', type: 'put', strike: 5900, expiry: '2027-01-15', quantity: 1, typo: 1 };
    // 999 legs: under the length at which a list is checked item by item and the check stops early.
    const { status, json } = await plan(JSON.stringify({ ...PLAN_EXAMPLE, positions: Array(999).fill(leg) }));
    expect(status).toBe(400);
    expect(json.issues).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(json.issues[MAX_LISTED_ISSUES]).toEqual({
      path: '(root)',
      message: expect.stringMatching(/^and 899 more issues, not listed/),
    });
  });

  it('a list of 40,000 bad chain rows lists the first issues and says the check stopped', async () => {
    const row = { expiry: 'x', strike: 'y', type: 'z', bid: 'a', ask: 'b' };
    const market = { ...PLAN_EXAMPLE.market, chain: Array(40_000).fill(row) };
    const { status, json } = await plan(JSON.stringify({ ...PLAN_EXAMPLE, market }));
    expect(status).toBe(400);
    expect(json.issues).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(json.issues[0]!.path).toBe('market.chain[0].expiry');
    expect(json.issues[MAX_LISTED_ISSUES]).toEqual({
      path: '(root)',
      message: expect.stringMatching(/^and more issues, not listed: the check stopped after the first 100/),
    });
  });
});

describe('a field sent twice in one object', () => {
  const duplicate = (text: string) => checkJsonObjects(text)?.message;

  it('is a 400 naming the field, whichever value comes first: JSON.parse would keep the last silently', async () => {
    const text = JSON.stringify(PLAN_EXAMPLE);
    const twice = text.replace('"portfolio":{', '"portfolio":{"capital":100000,');
    expect(twice).not.toBe(text);
    const { status, json } = await plan(twice);
    expect([status, json.code, json.field]).toEqual([400, 'invalid_input', 'portfolio.capital']);
    expect(json.detail).toMatch(/^portfolio\.capital: is sent twice in the same object/);
    expect(JSON.stringify(json)).toMatch(/send each field once/);
  });

  it('names the path of a nested duplicate, and reads escaped keys as their names', () => {
    expect(duplicate('{"market":{"futures":[{"expiry":"2026-12-16","price":18,"price":19}]}}')).toMatch(
      /^market\.futures\[0\]\.price: is sent twice/,
    );
    expect(duplicate('{"paths":10,"p\\u0061ths":20}')).toMatch(/^paths: is sent twice/);
    expect(duplicate('{"a" :1, "a"\n:2}')).toMatch(/^a: is sent twice/);
  });

  it('finds a duplicate among many keys, in text and after escapes, and takes as many distinct keys', () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `"k${i}":${i}`);
    expect(duplicate(`{${keys(40).join(',')}}`)).toBeUndefined();
    expect(duplicate(`{${[...keys(40), '"k3":9'].join(',')}}`)).toMatch(/^k3: is sent twice/);
    expect(duplicate(`{${[...keys(5), '"k\\u0033":9'].join(',')}}`)).toMatch(/^k3: is sent twice/);
    expect(duplicate(`{${[...keys(30), '"k\\u0033":9'].join(',')}}`)).toMatch(/^k3: is sent twice/);
    expect(duplicate('{"ab":1,"ba":2,"a":3,"b":4}')).toBeUndefined();
  });

  it('leaves alone the same key in different objects, a key that equals a value, and colons inside strings', () => {
    expect(duplicate('{"a":{"a":1},"b":[{"a":1},{"a":2}],"c":"a","d":"a:b"}')).toBeUndefined();
    expect(duplicate('{"x":"y","y":"x"}')).toBeUndefined();
    expect(duplicate('[{"k":1},{"k":1}]')).toBeUndefined();
  });

  it('leaves malformed text to the parser, which names it first', async () => {
    expect(duplicate('{"a":"b" "b":1, 5:"a"}')).toBeUndefined();
    const { status, json } = await plan('{"a":1, 5:2, "a":3}');
    expect([status, json.code]).toEqual([400, 'malformed_json']);
  });
});

describe('long arrays', () => {
  it('a million {} in market.futures: a 400 naming the list from the scan, before the parser builds them', async () => {
    const body = `{"market":{"futures":[${'{},'.repeat(999_999)}{}]}}`;
    const { status, json } = await plan(body);
    expect([status, json.code, json.field]).toEqual([400, 'invalid_input', 'market.futures']);
    expect(json.detail).toMatch(/has more than 50,000 items, more than any list of this API/);
    // At the limit the scan lets it through (the schema counts the list itself).
    const at = `[${'0,'.repeat(MAX_ARRAY_ITEMS - 1)}0]`;
    expect(() => checkJsonObjects(at)).not.toThrow();
    expect(() => checkJsonObjects(`{"a":[${at}, [1]]}`)).not.toThrow();
    expect(() => checkJsonObjects(`{"a":[0, [${'0,'.repeat(MAX_ARRAY_ITEMS)}0]]}`)).toThrowError(
      /^a\[1\]: has more than/,
    );
    expect(() => checkJsonObjects(`["${','.repeat(2 * MAX_ARRAY_ITEMS)}"]`)).not.toThrow();
  });
});

describe('bodies of too many values in all', () => {
  it('27 lists of 49,990 {} (each list under the item bound): a 400 naming the value limit from the scan', async () => {
    const list = `[${'{},'.repeat(49_989)}{}]`;
    const body = `{"x":[${Array<string>(27).fill(list).join(',')}]}`;
    expect(body.length).toBeLessThan(4 * 1024 * 1024);
    const { status, size, json } = await plan(body);
    expect([status, json.code, json.field]).toEqual([400, 'invalid_input', '(root)']);
    expect(json.detail).toMatch(/holds more than 500,000 JSON values/);
    expect(json.fix).toBe('send fewer rows or items, or split the work over several requests');
    expect(size).toBeLessThan(2_000);
  });

  it(`counts objects, arrays, strings, numbers and literals, not keys: ${MAX_JSON_VALUES} pass the scan, one more does not`, () => {
    const unit = '{ "k" : "v" , "n" : [ 1 , true , null ] }'; // 6 values
    const half = `[${Array<string>(41_666).fill(unit).join(',')}]`; // 1 + 6 × 41,666
    const body = (extra: number) => `[${half}, ${half}${', 0'.repeat(extra)}]`; // 1 + 2 × 249,997 + extra
    expect(MAX_JSON_VALUES).toBe(500_000);
    expect(() => checkJsonObjects(body(5))).not.toThrow();
    expect(() => checkJsonObjects(body(6))).toThrowError(/^\(root\): holds more than 500,000 JSON values/);
  });
});

describe('deep bodies and echoed keys', () => {
  it('a million nested brackets: a 400 at depth 65 from the scan, before the parser, in a small answer', async () => {
    const { status, size, json } = await plan('['.repeat(1_000_000) + ']'.repeat(1_000_000));
    expect([status, json.code]).toEqual([400, 'invalid_input']);
    expect(json.detail).toMatch(new RegExp(`more than ${MAX_JSON_DEPTH} deep`));
    expect(json.field).toBe('[0]'.repeat(MAX_JSON_DEPTH));
    expect(size).toBeLessThan(5_000);
    // At the limit the scan lets it through (the schema refuses the shape).
    expect(() => checkJsonObjects('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).not.toThrow();
  });

  it('a field sent twice deep inside, and a key of 3 MB in the policy: small answers', async () => {
    const deep = await plan('['.repeat(60) + '{"a":1,"a":2}' + ']'.repeat(60));
    expect([deep.status, deep.json.field]).toEqual([400, `${'[0]'.repeat(60)}.a`]);
    expect(deep.json.detail).toMatch(/sent twice/);
    const huge = 'k'.repeat(3_000_000);
    const { status, size, json } = await plan(JSON.stringify({ ...PLAN_EXAMPLE, policy: { [huge]: 1 } }));
    expect(status).toBe(400);
    expect(size).toBeLessThan(10_000);
    for (const text of [
      json.detail,
      json.field,
      json.fix,
      ...(json.issues as Json[]).flatMap((i) => [i.path, i.message]),
    ])
      expect(String(text).length).toBeLessThanOrEqual(MAX_PROBLEM_TEXT);
    // a text cut says how many characters it leaves out: all past the 960 kept
    expect(problemText(huge)).toBe(`${'k'.repeat(MAX_PROBLEM_TEXT - 40)}… (2999040 more characters)`);
    expect(problemText('k'.repeat(MAX_PROBLEM_TEXT))).toBe('k'.repeat(MAX_PROBLEM_TEXT));
  });
});
