// The add-in for production: the checked-in manifest.xml and the built addin/dist are the
// development ones, on https://localhost:3000 (the local host). This writes copies on the origin
// that will serve the add-in, `ADDIN_ORIGIN`, leaving both as they are:
//   dist/production/manifest.xml   manifest.xml with every URL on ADDIN_ORIGIN
//   dist/production/addin/         addin/dist without source maps, functions.json's help links on
//                                  ADDIN_ORIGIN (the @helpurl tags name the development origin)
// Run `npm run build` first: ADDIN_ORIGIN=https://addin.contoso.example npm run addin:production
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The origin of the checked-in manifest and of the @helpurl tags. */
export const DEV_ORIGIN = 'https://localhost:3000';

/** `ADDIN_ORIGIN` as an https origin without a trailing slash; an error naming it otherwise. */
export function productionOrigin(raw) {
  const text = (raw ?? '').trim().replace(/\/+$/, '');
  let url;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:' || url.origin !== text) {
    throw new Error(
      `ADDIN_ORIGIN is ${JSON.stringify(raw ?? '')}: set it to the https origin that will serve the add-in, such as https://addin.contoso.example (no path; Office loads add-ins over https only)`,
    );
  }
  if (text === DEV_ORIGIN)
    throw new Error(`ADDIN_ORIGIN is ${DEV_ORIGIN}, the development origin: manifest.xml already names it`);
  return text;
}

/** The manifest with every URL on `origin` instead of the development one, and a comment that says so. */
export function productionManifest(xml, origin) {
  const urls = [...xml.matchAll(/DefaultValue="(https?:\/\/[^"]*)"/g)].map((m) => m[1]);
  const foreign = urls.filter((u) => !u.startsWith(`${DEV_ORIGIN}/`));
  if (foreign.length > 0) throw new Error(`manifest.xml has URLs off ${DEV_ORIGIN}: ${foreign.join(', ')}`);
  const note = `<!--\n  ALVH Excel add-in, production copy of manifest.xml for ${origin}, written by\n  \`npm run addin:production\`: host dist/production/addin at that origin.\n-->`;
  return xml.replace(/<!--[\s\S]*?-->/, note).replaceAll(`DefaultValue="${DEV_ORIGIN}/`, `DefaultValue="${origin}/`);
}

/** functions.json (its text) with every function's help link on `origin`. */
export function productionFunctionsJson(json, origin) {
  const metadata = JSON.parse(json);
  for (const f of metadata.functions ?? []) {
    if (typeof f.helpUrl !== 'string' || !f.helpUrl.startsWith(`${DEV_ORIGIN}/`)) {
      throw new Error(`functions.json: ${f.id}'s help link ${f.helpUrl} is not on ${DEV_ORIGIN}`);
    }
    f.helpUrl = origin + f.helpUrl.slice(DEV_ORIGIN.length);
  }
  return JSON.stringify(metadata, null, 2) + '\n';
}

/** Write `out`/manifest.xml and `out`/addin/ from the checkout at `root` for `origin`. */
export function writeProduction(root, origin, out = join(root, 'dist', 'production')) {
  const dist = join(root, 'addin', 'dist');
  if (!existsSync(join(dist, 'functions.json'))) throw new Error('addin/dist is not built: run `npm run build` first');
  const manifest = productionManifest(readFileSync(join(root, 'manifest.xml'), 'utf8'), origin);
  const functions = productionFunctionsJson(readFileSync(join(dist, 'functions.json'), 'utf8'), origin);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(dist, join(out, 'addin'), { recursive: true, filter: (src) => !src.endsWith('.map') });
  writeFileSync(join(out, 'addin', 'functions.json'), functions);
  writeFileSync(join(out, 'manifest.xml'), manifest);
  return out;
}

const entry = process.argv[1];
if (entry !== undefined && resolve(entry) === fileURLToPath(import.meta.url)) {
  try {
    const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
    const origin = productionOrigin(process.env.ADDIN_ORIGIN);
    const out = writeProduction(root, origin);
    console.log(`wrote ${join(out, 'manifest.xml')} and ${join(out, 'addin')} for ${origin}`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
