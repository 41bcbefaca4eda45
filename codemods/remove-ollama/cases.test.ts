/**
 * The remove-ollama cases (cases/<case>/), through the shared case suite
 * (test/helpers/codemod-suite.ts): each turns its input/ into exactly expected/ with exactly the
 * review items in review.txt, idempotently; and here also every Python file left compiles
 * (`python3 -m py_compile`) and every script passes `node --check`; every line that still
 * mentions Ollama has a review item; and where
 * programs.json names programs, they print the same before and after the codemod when run with
 * python3 against the stand-in modules in standins/ (after removal, without the Ollama stand-ins
 * on the path at all).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { snapshotFolders } from '../../src/bloat/detectors/snapshot-folders.js';
import { runPython, type CaseOutcome } from '../../test/helpers/codemod-cases.js';
import { describeCases } from '../../test/helpers/codemod-suite.js';
import { removeOllama } from './index.js';
import { MENTION } from './names.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const standins = join(here, 'standins');

// A Python path without the Ollama stand-ins: migrated programs must not import them at all.
const withoutOllama = mkdtempSync(join(tmpdir(), 'repolish-no-ollama-'));
for (const name of ['openai', 'langchain_openai', 'litellm', '_llm_standin.py', '_langchain_standin.py']) {
  symlinkSync(join(standins, name), join(withoutOllama, name));
}
// langchain_community without its Ollama classes (it has many other integrations).
for (const [file, content] of Object.entries({
  'langchain_community/__init__.py': '',
  'langchain_community/llms/__init__.py': '',
  'langchain_community/chat_models/__init__.py': '',
  'langchain_community/embeddings/__init__.py': 'from langchain_community._ollama import HuggingFaceEmbeddings\n',
})) {
  mkdirSync(join(withoutOllama, file, '..'), { recursive: true });
  writeFileSync(join(withoutOllama, file), content);
}
copyFileSync(join(standins, 'langchain_community', '_ollama.py'), join(withoutOllama, 'langchain_community', '_ollama.py'));
writeFileSync(join(withoutOllama, 'langchain_community', '_ollama.py'),
  readFileSync(join(standins, 'langchain_community', '_ollama.py'), 'utf8').replace(/^class (Ollama|ChatOllama|OllamaEmbeddings)\b/gm, 'class _Removed$1'));
afterAll(() => rmSync(withoutOllama, { recursive: true, force: true }));

/** Checks beyond the shared suite: what stays compiles, and no mention of Ollama goes unreported. */
function checkWhatStays(outcome: CaseOutcome): void {
  // Files the engine skipped (they did not parse to begin with) are not its doing.
  const skipped = new Set(outcome.first.files.filter((f) => f.status === 'skipped').map((f) => f.path));
  const files = Object.keys(outcome.actual).filter((f) => !skipped.has(f));
  const python = files.filter((f) => f.endsWith('.py'));
  if (python.length) {
    const r = spawnSync('python3', ['-m', 'py_compile', ...python], { cwd: outcome.workDir, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }
  for (const js of files.filter((f) => /\.(js|mjs|cjs)$/.test(f))) {
    const r = spawnSync(process.execPath, ['--check', js], { cwd: outcome.workDir, encoding: 'utf8' });
    expect(r.stderr, js).toBe('');
  }

  // Nothing that mentions Ollama goes unreported (archive and backup copies are left alone whole, said in the summary).
  const reviewed = new Set(outcome.first.review.map((r) => `${r.path}:${r.line}`));
  const copies = [...snapshotFolders(Object.keys(outcome.actual)).keys()];
  const unreported: string[] = [];
  for (const [path, content] of Object.entries(outcome.actual)) {
    if (!/\.(py|js|mjs|ts|tsx|html|htm|j2|jinja|md|txt|toml|ya?ml|json|css)$|(^|\/)\.env/.test(path)) continue;
    if (copies.some((c) => path.startsWith(`${c}/`))) continue;
    Buffer.from(content, 'latin1').toString('utf8').split('\n').forEach((line, i) => {
      MENTION.lastIndex = 0;
      if (MENTION.test(line) && !reviewed.has(`${path}:${i + 1}`)) unreported.push(`${path}:${i + 1}: ${line.trim()}`);
    });
  }
  MENTION.lastIndex = 0;
  expect(unreported).toEqual([]);
}

describeCases(removeOllama, join(here, 'cases'), {
  minCases: 26,
  extraChecks: checkWhatStays,
  programs: {
    beforePath: standins,
    // The code still uses Ollama after a report-only run: keep its stand-ins on the path.
    afterPath: (spec) => (spec.ollamaRemains ? standins : withoutOllama),
    env: { OPENAI_API_KEY: 'sk-standin' },
  },
});

test('the stand-ins answer from their arguments, so a dropped or misnamed parameter is observable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'repolish-standin-'));
  try {
    const script = [
      'import ollama, openai',
      'from langchain_openai import ChatOpenAI',
      'm = [{"role": "user", "content": "one two three"}]',
      'print(ollama.chat(model="m", messages=m, options={"temperature": 0.3, "num_predict": 2})["message"]["content"])',
      'print(ollama.chat(model="m", messages=m)["message"]["content"])',
      'print(openai.OpenAI().chat.completions.create(model="m", messages=m, temperature=0.3, max_completion_tokens=2).choices[0].message.content)',
      'try:',
      '    ChatOpenAI(model="m", num_ctx=4096)',
      'except TypeError as e:',
      '    print("rejected", e)',
    ].join('\n');
    writeFileSync(join(dir, 'probe.py'), script);
    const r = runPython(dir, 'probe.py', standins, { OPENAI_API_KEY: 'sk-standin' });
    expect(r.stderr).toBe('');
    const [mapped, plain, openaiOut, rejected] = r.stdout.trim().split('\n');
    expect(mapped).toBe(openaiOut);
    expect(plain).not.toBe(mapped);
    expect(rejected).toMatch(/^rejected .*num_ctx/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
