// JSON schemas of the API's 200 answers, generated from the TypeScript result types in
// src/resultTypes.ts with ts-json-schema-generator, written to src/generated/resultSchemas.json
// (committed, so the sources typecheck and the tests run without a build; the build regenerates it
// and a test checks the committed copy is current). `node functions/scripts/resultSchemas.mjs`.
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
export const RESULT_TYPES = [
  'PlanResult',
  'StressResult',
  'MonteCarloResult',
  'FrontierAnswer',
  'ReplayAnswer',
  'HealthResult',
  'SurfaceResult',
];

/**
 * A JSDoc description as an API reader sees it: `{@link name}` (and `{@link name text}`) become the
 * text or the name in backticks, and the spaces the generator leaves around them one.
 */
function plainDescription(text) {
  return text
    .replace(/\{@link\s+([^\s}|]+)(?:[\s|]+([^}]*?))?\s*\}/g, (_m, name, label) => (label ? label : `\`${name}\``))
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ ([,.:;)])/g, '$1');
}

/** `schema` with every `description` made plain ({@link plainDescription}), in place. */
function plainDescriptions(schema) {
  if (Array.isArray(schema)) for (const x of schema) plainDescriptions(x);
  else if (schema !== null && typeof schema === 'object')
    for (const [k, v] of Object.entries(schema)) {
      if (k === 'description' && typeof v === 'string') schema[k] = plainDescription(v);
      else plainDescriptions(v);
    }
  return schema;
}

/** The schemas as one JSON text: `{ definitions: { name: schema } }`, names sorted, with the types' JSDoc as descriptions. */
export function resultSchemasText() {
  const generator = createGenerator({
    path: resolve(root, 'src/resultTypes.ts'),
    tsconfig: resolve(root, 'tsconfig.json'),
    skipTypeCheck: true,
    expose: 'export',
    topRef: false,
    additionalProperties: false,
    jsDoc: 'extended',
  });
  const definitions = {};
  for (const type of RESULT_TYPES) {
    let s;
    try {
      s = generator.createSchema(type);
    } catch (e) {
      throw new Error(`cannot generate the schema of ${type}: ${e.cause?.message ?? e.message}`);
    }
    plainDescriptions(s);
    for (const [k, v] of Object.entries(s.definitions ?? {})) definitions[k] = v;
    const { $schema: _s, definitions: _d, ...top } = s;
    definitions[type] = top;
  }
  const sorted = Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify({ definitions: sorted }, null, 2) + '\n';
}

export const RESULT_SCHEMAS_FILE = resolve(root, 'src/generated/resultSchemas.json');

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = resultSchemasText();
  if (!existsSync(RESULT_SCHEMAS_FILE) || readFileSync(RESULT_SCHEMAS_FILE, 'utf8') !== text)
    writeFileSync(RESULT_SCHEMAS_FILE, text);
  console.log(`functions: result schemas for ${RESULT_TYPES.join(', ')}`);
}
