/**
 * What a Python text could hold, decided before anything is parsed: which kinds of indirect use
 * (src/deps/indirect-uses.ts) and which coupling trigger words (src/deps/coupling-sites.ts). Every
 * word these need is found in one search of the text (trigger-words.ts), and each pattern is then
 * tried only where its words are: the whole-text scans, one per pattern and per word, were a
 * quarter of the analysis's time (profiled on the 9k Python files of the bench tree).
 */
import { UNGATED_COUPLING_WORDS } from './coupling-sites.js';
import { URL_SCHEMES } from './indirect-uses.js';
import { WordFinder } from './trigger-words.js';

/** Words one of which each pattern below contains. */
const CALL_WORDS = ['BeautifulSoup', 'import_module', '__import__', 'importorskip', 'spacy.load', 'features', 'parser', 'engine', 'flavor', 'backend'];
const PLUGIN_WORDS = ['INSTALLED_APPS', 'MIDDLEWARE', 'extensions', 'plugins', '_APPS', '_PLUGINS', '_BACKENDS', '_EXTENSIONS', '_CLASSES'];
const PAIR_WORDS = ['ENGINE', 'BACKEND'];
/** Namespace packages whose `from X import name` imports the distribution `X.name` (imports.ts). */
export const NAMESPACE_PACKAGES = ['google', 'azure', 'llama_index', 'opentelemetry', 'snowflake', 'jaraco'];

/** Every word a file is searched for: the patterns' and the couplings that need no import. */
const TRIGGERS = new WordFinder([...CALL_WORDS, ...PLUGIN_WORDS, ...PAIR_WORDS, ...NAMESPACE_PACKAGES, '://', ...UNGATED_COUPLING_WORDS]);
const CALLS_END = CALL_WORDS.length;
const PLUGINS_END = CALLS_END + PLUGIN_WORDS.length;
const PAIRS_END = PLUGINS_END + PAIR_WORDS.length;
const NAMESPACES_END = PAIRS_END + NAMESPACE_PACKAGES.length;
const URL_AT = NAMESPACES_END;
const BACKEND_AT = CALL_WORDS.indexOf('backend');

/** A call or keyword that may name a module; each match begins where one of CALL_WORDS does (sticky). */
export const CALL_PATTERN = /BeautifulSoup|\b(import_module|__import__|importorskip|spacy\.load)\s*\(\s*[rRuU]?["']|\b(features|parser|engine|flavor|backend|plotting_backend)\s*=\s*\(?\s*[rRbBuU]?["']/y;
/** A plugin list assignment; each match begins at one of its names or at the capitals before a `_APPS`-like suffix (sticky). */
export const PLUGIN_LIST_PATTERN = /\b(INSTALLED_APPS|MIDDLEWARE|MIDDLEWARE_CLASSES|extensions|pytest_plugins|plugins|[A-Z][A-Z0-9_]*_(APPS|PLUGINS|BACKENDS|MIDDLEWARE|EXTENSIONS|CLASSES))\s*(:[^=\n]*)?=\s*[[({]/y;
export const BACKEND_PAIR_PATTERN = /["'](ENGINE|BACKEND)["']\s*:/;
/** The scheme of a URL that names a driver (`scheme+driver`) or a known database/storage scheme. */
const DRIVER_SCHEME = new RegExp(`^(?:${Object.keys(URL_SCHEMES).map((k) => k.replace('+', '\\+')).join('|')}|[a-z][a-z0-9]*\\+[a-z0-9_]+)$`, 'i');

export interface PreChecks {
  calls: boolean;
  pluginLists: boolean;
  backendPairs: boolean;
  /** A string that begins with such a URL: `["'](scheme)://`, case-insensitive. */
  urls: boolean;
  /** Whether one of NAMESPACE_PACKAGES occurs (a `from` import of one can only be where it does). */
  namespaces: boolean;
  /** Whether a word occurs in the text, as `includes` answers (the known ones without a search). */
  has: (word: string) => boolean;
}

export function preChecks(source: string): PreChecks {
  const found = TRIGGERS.find(source);
  return {
    calls: hasCall(source, found),
    pluginLists: hasPluginList(source, found),
    backendPairs: anyFound(found, PLUGINS_END, PAIRS_END) && BACKEND_PAIR_PATTERN.test(source),
    urls: found[URL_AT] === 1 && hasDriverUrl(source),
    namespaces: anyFound(found, PAIRS_END, NAMESPACES_END),
    has: (word) => {
      const k = TRIGGERS.words.indexOf(word, URL_AT + 1);
      return k >= 0 ? found[k] === 1 : source.includes(word);
    },
  };
}

function anyFound(found: Uint8Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (found[k] === 1) return true;
  return false;
}

/** CALL_PATTERN tried where each of its words occurs (`plotting_backend` begins 9 before a `backend`). */
function hasCall(source: string, found: Uint8Array): boolean {
  for (let k = 0; k < CALLS_END; k++) {
    if (found[k] === 0) continue;
    const word = CALL_WORDS[k];
    for (let at = source.indexOf(word); at >= 0; at = source.indexOf(word, at + 1)) {
      CALL_PATTERN.lastIndex = at;
      if (CALL_PATTERN.test(source)) return true;
      if (k === BACKEND_AT && at >= 9 && source.startsWith('plotting_', at - 9)) {
        CALL_PATTERN.lastIndex = at - 9;
        if (CALL_PATTERN.test(source)) return true;
      }
    }
  }
  return false;
}

/**
 * PLUGIN_LIST_PATTERN tried where each of its words occurs: at a name (`pytest_plugins` begins 7
 * before a `plugins`), and for a suffix (`_APPS`, or the `_` before a `MIDDLEWARE`) at the start
 * of the run of [A-Z0-9_] before it: the `\b` before `[A-Z]` allows no other start.
 */
function hasPluginList(source: string, found: Uint8Array): boolean {
  const at = (start: number): boolean => {
    PLUGIN_LIST_PATTERN.lastIndex = start;
    return PLUGIN_LIST_PATTERN.test(source);
  };
  for (let k = CALLS_END; k < PLUGINS_END; k++) {
    if (found[k] === 0) continue;
    const word = PLUGIN_WORDS[k - CALLS_END];
    const isSuffix = word.charCodeAt(0) === UNDERSCORE;
    for (let q = source.indexOf(word); q >= 0; q = source.indexOf(word, q + 1)) {
      if (!isSuffix && at(q)) return true;
      if (word === 'plugins' && q >= 7 && source.startsWith('pytest_', q - 7) && at(q - 7)) return true;
      const suffix = isSuffix ? q : word === 'MIDDLEWARE' && q > 0 && source.charCodeAt(q - 1) === UNDERSCORE ? q - 1 : -1;
      if (suffix < 0) continue;
      let start = suffix;
      while (start > 0 && isCapitalWordChar(source.charCodeAt(start - 1))) start--;
      if (start < suffix && at(start)) return true;
    }
  }
  return false;
}

const UNDERSCORE = 95;
/** [A-Z0-9_] */
const isCapitalWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === UNDERSCORE;

/** [A-Za-z0-9_+]: every character a scheme that DRIVER_SCHEME accepts can hold. */
const isSchemeChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 43;

/** Looked for back from each `://`: the scheme's characters, then a quote. */
function hasDriverUrl(source: string): boolean {
  for (let at = source.indexOf('://'); at >= 0; at = source.indexOf('://', at + 1)) {
    let p = at - 1;
    while (p >= 0 && isSchemeChar(source.charCodeAt(p))) p--;
    const quote = p >= 0 ? source.charCodeAt(p) : 0;
    if ((quote === 34 || quote === 39) && DRIVER_SCHEME.test(source.slice(p + 1, at))) return true;
  }
  return false;
}
