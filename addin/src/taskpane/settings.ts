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

export const emptySettings: Settings = { endpoint: '', functionKey: '' };

/** Where settings are kept: the document in Excel, localStorage in a browser. */
export interface SettingsStore {
  load(): Settings;
  save(s: Settings): Promise<void>;
}

function coerce(raw: unknown): Settings {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return {
    endpoint: typeof o['endpoint'] === 'string' ? o['endpoint'] : '',
    functionKey: typeof o['functionKey'] === 'string' ? o['functionKey'] : '',
  };
}

/** Settings saved with the workbook. */
export function officeSettingsStore(settings: Office.Settings): SettingsStore {
  return {
    load: () => coerce(settings.get(KEY)),
    save: (s) =>
      new Promise((resolve, reject) => {
        settings.set(KEY, s);
        settings.saveAsync((r) =>
          r.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(new Error(r.error.message)),
        );
      }),
  };
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
export function browserSettingsStore(storage: Storage | undefined): SettingsStore {
  let memory: Settings = emptySettings;
  return {
    load: () => {
      try {
        const text = storage?.getItem(KEY);
        return text ? coerce(JSON.parse(text)) : memory;
      } catch {
        return memory;
      }
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

/**
 * The endpoint as typed, checked: '' (local runs) or an https URL without a trailing slash, or an
 * http one on the page's own origin (the local host serving it). Any other http URL is refused:
 * the page's Content-Security-Policy lets it call https hosts and itself only, so every run would
 * fail with a network error. A URL without a path is refused too: the API's routes are under
 * `/api` (Azure Functions' prefix and the local host's). Returns the message to show beside the
 * field when it is not usable.
 */
export function checkEndpoint(raw: string, pageOrigin: string): { value: string } | { error: string } {
  const text = raw.trim().replace(/\/+$/, '');
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
  if (url.pathname === '/' || url.pathname === '')
    return { error: `add the API's path: ${url.origin}/api (its routes are under /api)` };
  return { value: text };
}
