import { describe, expect, it } from 'vitest';
import { preChecks } from '../../src/deps/pre-checks.js';
import { WordFinder } from '../../src/deps/trigger-words.js';
import { URL_SCHEMES } from '../../src/deps/indirect-uses.js';
import { stdlibSources } from '../helpers/stdlib.js';

// The whole-text patterns the pre-checks used to run: the one-pass search must answer as they do.
const reference = (source: string) => ({
  calls: /BeautifulSoup|import_module|__import__|importorskip|spacy\.load|features|parser|engine|flavor|backend/.test(source)
    && /BeautifulSoup|\b(import_module|__import__|importorskip|spacy\.load)\s*\(\s*[rRuU]?["']|\b(features|parser|engine|flavor|backend|plotting_backend)\s*=\s*\(?\s*[rRbBuU]?["']/.test(source),
  pluginLists: /INSTALLED_APPS|MIDDLEWARE|extensions|plugins|_APPS|_PLUGINS|_BACKENDS|_EXTENSIONS|_CLASSES/.test(source)
    && /\b(INSTALLED_APPS|MIDDLEWARE|MIDDLEWARE_CLASSES|extensions|pytest_plugins|plugins|[A-Z][A-Z0-9_]*_(APPS|PLUGINS|BACKENDS|MIDDLEWARE|EXTENSIONS|CLASSES))\s*(:[^=\n]*)?=\s*[[({]/.test(source),
  backendPairs: /["'](ENGINE|BACKEND)["']\s*:/.test(source),
  urls: source.includes('://') && new RegExp(`["'](?:${Object.keys(URL_SCHEMES).map((k) => k.replace('+', '\\+')).join('|')}|[a-z][a-z0-9]*\\+[a-z0-9_]+):\\/\\/`, 'i').test(source),
  namespaces: /google|azure|llama_index|opentelemetry|snowflake|jaraco/.test(source),
});
const WORDS = ['worker_class', 'async_mode', 'Form', 'FastAPI', 'parser', 'x'];
const answer = (source: string) => {
  const { has, ...kinds } = preChecks(source);
  return { ...kinds, words: WORDS.map(has) };
};
const expected = (source: string) => ({ ...reference(source), words: WORDS.map((w) => source.includes(w)) });

describe('pre-checks of the import analysis', () => {
  it('find every word of a list, overlapping and nested ones too', () => {
    const finder = new WordFinder(['_APPS', 'INSTALLED_APPS', 'import', 'import_module', 'ab', 'b']);
    expect([...finder.find('INSTALLED_APPS')]).toEqual([1, 1, 0, 0, 0, 0]);
    expect([...finder.find('import_modul')]).toEqual([0, 0, 1, 0, 0, 0]);
    expect([...finder.find('xaab')]).toEqual([0, 0, 0, 0, 1, 1]);
    expect([...finder.find('')]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('find words as includes does in made-up texts (non-ASCII characters share pair hashes)', () => {
    const words = ['_APPS', 'abcab', 'bcabc', 'aaaaaa', 'ab\u0161c', '://', 'caab_'];
    const finder = new WordFinder(words);
    const alphabet = ['a', 'b', 'c', '_', 'A', 'P', 'S', '\u0161', '\u0261', ':', '/'];
    let seed = 3;
    const next = (k: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % k; };
    let hits = 0;
    for (let t = 0; t < 20000; t++) {
      let text = '';
      for (let j = next(40); j > 0; j--) text += next(5) === 0 ? words[next(words.length)] : alphabet[next(alphabet.length)];
      const want = words.map((w) => (text.includes(w) ? 1 : 0));
      hits += want.reduce((a: number, b) => a + b, 0);
      expect([...finder.find(text)], JSON.stringify(text)).toEqual(want);
    }
    expect(hits).toBeGreaterThan(10000);
  });

  it('answer as the whole-text patterns do on made-up texts', () => {
    const pieces = ['BeautifulSoup', 'import_module', '__import__', 'importorskip', 'spacy.load', 'features', 'parser', 'engine', 'flavor', 'backend',
      'plotting_', 'plotting_backend', 'INSTALLED_APPS', 'MIDDLEWARE', '_CLASSES', 'extensions', 'plugins', 'X_APPS', 'pytest_plugins', 'ENGINE', 'BACKEND',
      '://', 'postgresql', 'S3', 'mongodb+srv', 'a+b', 'x+', 'Redis', '"', "'", ' ', '\n', '(', '[', '{', '=', ':', ': int ', 'r', 'b', 'u', '_', 'a', '.',
      'worker_class', 'async_mode', 'Form', '\\', 'é',
      // Nearer misses and hits of the longer patterns.
      '"ENGINE"', "'BACKEND'", '"postgresql', "'S3", '"x+y', "'mongodb+srv", '://', 'INSTALLED_APPS =', ' = [', 'Y_CLASSES: t =',
      'X_MIDDLEWARE', 'a_PLUGINS', 'AB9_EXTENSIONS', 'pytest_', 'google', 'azur', 'e', 'jaraco'];
    let seed = 7;
    const next = (k: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % k; };
    let checked = 0;
    const hits = { calls: 0, pluginLists: 0, backendPairs: 0, urls: 0, namespaces: 0 };
    for (let t = 0; t < 40000; t++) {
      let source = '';
      for (let j = 1 + next(12); j > 0; j--) source += pieces[next(pieces.length)];
      const want = expected(source);
      expect(answer(source), JSON.stringify(source)).toEqual(want);
      for (const key of Object.keys(hits) as Array<keyof typeof hits>) if (want[key]) hits[key]++;
      checked++;
    }
    expect(checked).toBe(40000);
    // Every kind was found often enough for the comparison to mean something.
    expect(Object.values(hits).every((count) => count > 100), JSON.stringify(hits)).toBe(true);
  });

  it('answer as the whole-text patterns do on the standard library', () => {
    const differ: string[] = [];
    for (const { file, text } of stdlibSources(2)) if (JSON.stringify(answer(text)) !== JSON.stringify(expected(text))) differ.push(file);
    expect(differ).toEqual([]);
  });
});
