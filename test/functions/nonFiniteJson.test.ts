/**
 * NaN and Infinity in a request body (Python's json.dumps writes them by default) are refused the
 * same on both hosts, the Azure handler and the local host over HTTP: a 400 naming where the
 * literal sits, line and column, with the fix for it, not a generic remedy about quotes and commas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalHost, type LocalHost } from '../../functions/src/localHost';
import { parseJsonText } from '../../functions/src/http/body';
import { MONTECARLO_EXAMPLE } from '../../functions/src/handlers/examples';
import { callRoute, type Json } from './postJson';

let host: LocalHost;

beforeAll(async () => {
  host = await startLocalHost({ port: 0, host: '127.0.0.1', tls: false, corsOrigins: [] });
});

afterAll(async () => {
  await host?.close();
});

/** Both hosts' answers to the same body, which must be the same. */
async function both(route: string, body: string): Promise<Json> {
  const azure = await callRoute(route, { body });
  const res = await fetch(`${host.url}/api/${route}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  });
  expect(res.status).toBe(azure.status);
  expect((await res.json()) as Json).toEqual(azure.json);
  return { status: azure.status, ...azure.json };
}

const FIX =
  'NaN and Infinity are not JSON; send a number or leave the field out (Python: json.dumps(..., allow_nan=False) finds them)';

describe('NaN and Infinity in a body', () => {
  it.each([
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['-Infinity', '-Infinity'],
  ])('a vixHistory close sent as %s is a 400 naming its line and column on both hosts', async (_name, literal) => {
    const body = JSON.stringify(
      { ...MONTECARLO_EXAMPLE, vixHistory: [{ date: '2026-11-19', vix: 1234.5 }] },
      null,
      2,
    ).replace('1234.5', literal);
    const lines = body.split('\n');
    const line = lines.findIndex((l) => l.includes(literal)) + 1;
    const column = lines[line - 1]!.indexOf(literal) + 1;
    const p = await both('montecarlo', body);
    expect([p.status, p.code]).toEqual([400, 'malformed_json']);
    expect(p.detail).toBe(
      `the request body is not valid JSON: ${literal} at line ${line}, column ${column} (character ${body.indexOf(literal)}) is not a JSON number`,
    );
    expect(p.fix).toBe(FIX);
  });

  it.each([
    ['a token that is no JSON', '{"paths": x, "vix": NaN}'],
    ['a word that starts with N', '{"paths": Nope, "vix": NaN}'],
    ['a minus sign without a number', '{"paths": -x, "vix": NaN}'],
    ['a missing value', '{"paths": , "vix": Infinity}'],
  ])('a NaN after %s, where the parser stopped, is not named, on both hosts', async (_name, body) => {
    const p = await both('montecarlo', body);
    expect([p.status, p.code]).toEqual([400, 'malformed_json']);
    expect(p.detail).not.toMatch(/NaN|Infinity/);
    expect(p.fix).toMatch(/trailing commas/);
  });

  it('a NaN where the parser stopped is named there, after a value or in a list', async () => {
    const p = await both('montecarlo', '{"paths": 1 NaN}');
    expect(p.detail).toBe(
      'the request body is not valid JSON: NaN at line 1, column 13 (character 12) is not a JSON number',
    );
    expect((await both('montecarlo', '{"a": [1, -Infinity]}')).detail).toMatch(/: -Infinity at line 1, column 11 \(/);
  });

  it.each([
    ['{Infinity: 1}', "Expected property name or '}' at line 1, column 2 (character 1)"],
    ['{ -Infinity: 1}', "Expected property name or '}' at line 1, column 3 (character 2)"],
    ['{"market": {"vix": 20, NaN: 1}}', 'Expected double-quoted property name at line 1, column 24 (character 23)'],
    ['{"a": [{"b": 1}], NaN: 1}', 'Expected double-quoted property name at line 1, column 19 (character 18)'],
  ])('%s, a NaN or Infinity where a property name goes, is an unquoted name on both hosts', async (body, reason) => {
    const p = await both('plan', body);
    expect([p.status, p.code, p.detail]).toEqual([
      400,
      'malformed_json',
      `the request body is not valid JSON: ${reason}`,
    ]);
    expect(p.fix).toBe('send one JSON object with double-quoted property names and no trailing commas');
  });

  it('a NaN after a comma in a list, or after a string in an object, is still named as a value', async () => {
    expect((await both('plan', '{"a": ["x,{", NaN]}')).detail).toMatch(/: NaN at line 1, column 15 \(/);
    expect((await both('plan', '{"a": "{" NaN}')).detail).toMatch(/: NaN at line 1, column 11 \(/);
  });

  it('a NaN inside a string is text, and another syntax error keeps its own message', () => {
    expect(parseJsonText('{"name": "NaN and -Infinity"}')).toEqual({ name: 'NaN and -Infinity' });
    expect(() => parseJsonText('{"name": "NaN", "a": 1,}')).toThrowError(/line 1, column 24/);
    let fix = '';
    try {
      parseJsonText('{"a": 1,} NaN');
    } catch (e) {
      fix = (e as { problem: { fix: string } }).problem.fix;
    }
    expect(fix).toMatch(/trailing commas/);
  });
});
