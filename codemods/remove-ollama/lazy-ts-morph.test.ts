/**
 * ts-morph (the TypeScript compiler, about half a second to load) is loaded only when remove-ollama
 * transforms a JavaScript or TypeScript file: not by loading the codemod registry, nor by
 * transforming other files. Checked in a fresh process on the built registry.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const registry = fileURLToPath(new URL('../../dist/codemods/index.js', import.meta.url));

const script = `
import { createRequire } from 'node:module';
const cache = createRequire(import.meta.url).cache;
const loaded = () => Object.keys(cache).some((k) => /[\\\\/]ts-morph[\\\\/]/.test(k));
const { codemods } = await import(${JSON.stringify(registry)});
const removeOllama = codemods.find((c) => c.name === 'remove-ollama');
const context = { codemod: 'remove-ollama', options: { 'replace-with': 'none', templates: 'report' }, project: { root: process.cwd(), files: [] }, pass: 1 };
const file = (path, language, text) => ({ path, language, text, eol: '\\n', indent: '  ', position: () => ({ line: 1, column: 1 }) });
const seen = [loaded()];
removeOllama.transform(file('README.md', 'text', 'Start ollama serve first.\\n'), context);
removeOllama.transform(file('.env', 'text', 'OLLAMA_HOST=http://localhost:11434\\n'), context);
seen.push(loaded());
removeOllama.transform(file('static/chat.js', 'javascript', 'function pingOllama() {}\\n'), context);
seen.push(loaded());
console.log(JSON.stringify(seen));
`;

test('ts-morph is loaded by the first script file, not before', () => {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toEqual([false, false, true]);
});
