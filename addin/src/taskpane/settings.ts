/**
 * The add-in's settings: the cloud API's base URL and its function key. Inside Excel they live in
 * the document's settings (`Office.context.document.settings`, saved with the workbook); in a
 * plain browser in localStorage (partitioned per site by the browser). They are never in code.
 * An empty endpoint means "run here": Monte Carlo and stress grids run in a Web Worker.
 */

export interface Settings {
  /** Base URL of the API, e.g. `https://alvh.azurewebsites.net/api`; '' for local runs. */
  endpoint: string;
  /** Sent as `x-functions-key` when not empty. */
  functionKey: string;
}

const KEY = 'alvh.settings';

/** Where runs go with `settings`, as the notes say it: "here (Web Worker)" or "on <host>". */
export function placeOf(settings: Settings): string {
  return settings.endpoint === '' ? 'here (Web Worker)' : `on ${new URL(settings.endpoint).host}`;
}

export const emptySettings: Settings = { endpoint: '', functionKey: '' };

/** Settings as loaded, and what was dropped from them and why ('' when nothing). */
export interface LoadedSettings {
  settings: Settings;
  dropped: string;
}

/** Where settings are kept: the document in Excel, localStorage in a browser. */
export interface SettingsStore {
  load(): LoadedSettings;
  save(s: Settings): Promise<void>;
}

/**
 * Stored settings as the page uses them. The endpoint passes the check a saved one passed
 * ({@link checkEndpoint}): a value the page did not save (typed into the workbook's settings or
 * localStorage by hand, or saved by an older page) is dropped, runs go here, and `dropped` says why.
 */
function coerce(raw: unknown, pageOrigin: string): LoadedSettings {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const stored = typeof o['endpoint'] === 'string' ? o['endpoint'] : '';
  const checked = checkEndpoint(stored, pageOrigin);
  const functionKey = typeof o['functionKey'] === 'string' ? o['functionKey'] : '';
  if ('value' in checked) return { settings: { endpoint: checked.value, functionKey }, dropped: '' };
  const bare = withoutSecrets(stored);
  const shown = bare.length > 80 ? `${bare.slice(0, 80)}…` : bare;
  return {
    settings: { endpoint: '', functionKey },
    dropped: `The saved API URL "${shown}" is not used: ${checked.error}. Runs go here until a URL is saved.`,
  };
}

/**
 * `url` as the page may show it: its query, fragment and user name or password (where a function
 * key may be, as in Azure's `…/api/montecarlo?code=…`) each shown as "…". Works on text that is not
 * a URL too.
 */
export function withoutSecrets(raw: string): string {
  const url = raw.trim().replace(/[\t\n\r]/g, ''); // as the URL parser reads it
  const query = url.indexOf('?');
  const fragment = url.indexOf('#');
  const ends = [query, fragment].filter((i) => i >= 0);
  const head = url.slice(0, Math.min(url.length, ...ends));
  // everything before the last "@" of the host part: "https://user:pass@host/api" → "https://…@host/api"
  const hidden = head.replace(/^([a-z][a-z\d+.-]*:[/\\]+)?[^/\\]*@/i, '$1…@');
  return `${hidden}${query >= 0 && (fragment < 0 || query < fragment) ? '?…' : ''}${fragment >= 0 ? '#…' : ''}`;
}

/** Settings saved with the workbook; `pageOrigin` is the page's own (see {@link checkEndpoint}). */
export function officeSettingsStore(settings: Office.Settings, pageOrigin: string): SettingsStore {
  return {
    load: () => coerce(settings.get(KEY), pageOrigin),
    save: (s) => saveDocumentSetting(settings, KEY, s),
  };
}

/** `value` set under `key` in the workbook's settings and saved with them; rejects with Office's reason. */
export function saveDocumentSetting(settings: Office.Settings, key: string, value: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    settings.set(key, value);
    settings.saveAsync((r) =>
      r.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(new Error(r.error.message)),
    );
  });
}

/** The browser's localStorage, or undefined where reading it throws (storage blocked). */
export function safeLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Settings in the browser's localStorage (or in memory where storage is blocked). */
export function browserSettingsStore(storage: Storage | undefined, pageOrigin: string): SettingsStore {
  let memory: Settings = emptySettings;
  return {
    load: () => {
      try {
        const text = storage?.getItem(KEY);
        if (text) return coerce(JSON.parse(text), pageOrigin);
      } catch {
        // unreadable (storage blocked, or not JSON): the in-memory copy
      }
      return { settings: memory, dropped: '' };
    },
    save: (s) => {
      memory = s;
      try {
        storage?.setItem(KEY, JSON.stringify(s));
      } catch {
        // storage blocked (private mode, partitioning): keep the in-memory copy for this session
      }
      return Promise.resolve();
    },
  };
}

/** The API's routes (functions/src/routes.ts): a URL ending in one is that route's, not the API's base. */
export const API_ROUTES: readonly string[] = [
  'health',
  'openapi.json',
  'plan',
  'stress',
  'replay',
  'montecarlo',
  'frontier',
  'surface',
];

/**
 * The endpoint as typed, checked: '' (local runs) or the API's base URL, an https URL without a
 * trailing slash, or an http one on the page's own origin (the local host serving it). Any other
 * http URL is refused: the page's Content-Security-Policy lets it call https hosts and itself only,
 * so every run would fail with a network error. A URL without a path is refused too: the API's
 * routes are under `/api` (Azure Functions' prefix and the local host's). The page adds each
 * route's name (`<endpoint>/stress`), so a URL with a query or a fragment (Azure's "Get function
 * URL" gives `…/api/montecarlo?code=…`), with a user name, or ending in a route's name is refused
 * with the base URL to pass. Returns the message to show beside the field when it is not usable.
 */
export function checkEndpoint(raw: string, pageOrigin: string): { value: string } | { error: string } {
  const text = raw.trim();
  if (text === '') return { value: '' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: 'pass a full URL such as https://alvh.azurewebsites.net/api, or leave it empty to run here' };
  }
  if (url.protocol === 'http:' && url.origin !== pageOrigin)
    return {
      error: `use an https:// URL: this page calls https hosts and its own origin (${pageOrigin}) only`,
    };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { error: 'use an https:// URL' };
  const path = url.pathname.replace(/(?<!\/)\/+$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  const route = API_ROUTES.includes(last.toLowerCase());
  const base = `${url.origin}${(route ? path.slice(0, -last.length - 1) : path) || '/api'}`;
  if (/[?#]/.test(text) || url.username !== '' || url.password !== '')
    return {
      error: `pass the API's base URL (${base}) alone; put the key in Function key, not ?code= or in the URL`,
    };
  if (path === '') return { error: `add the API's path: ${base} (its routes are under /api)` };
  if (route)
    return { error: `drop "/${last}": pass the API's base URL, ${base}; the page adds each route's name to it` };
  return { value: `${url.origin}${path}` };
}
