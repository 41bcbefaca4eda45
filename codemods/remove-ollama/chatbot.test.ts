/**
 * The "done when" bar, on the example repository modeled on seed 003 (fixtures/chatbot), through
 * the built CLI as a user runs it: the dry-run diff passes `git apply --check`; after `--write`,
 * every Python file compiles and every script passes `node --check`; a second run proposes
 * nothing; every line still mentioning Ollama has a review item; the references report counts
 * the lines before and after. Once per option set.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildChatbot } from '../../fixtures/build.js';
import { resolveOptions } from '../../src/engine/options.js';
import { runCodemods } from '../../src/engine/runner.js';
import { createPatch } from '../../src/patch/diff.js';
import { runCli } from '../../test/helpers/cli.js';
import { removeOllama } from './index.js';
import { findReferences } from './references.js';

const work = mkdtempSync(join(tmpdir(), 'repolish-remove-ollama-chatbot-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Report {
  files: Array<{ path: string; status: string }>;
  review: Array<{ path: string; line: number; message: string }>;
  notes: string[];
  patch: string;
}

/** Source files of the project (git's view: tracked and untracked-not-ignored), without the venv and node_modules. */
function sourceFiles(root: string): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root }).toString('utf8');
  return out.split('\0').filter((p) => p && !/(^|\/)(venv|node_modules|__pycache__)\//.test(p) && existsSync(join(root, p)));
}

function references(notes: string[]): { before: number; after: number; perFile: Map<string, string> } {
  const total = notes.map((n) => /Ollama references .*: (\d+) before, (\d+) after/.exec(n)).find(Boolean)!;
  const perFile = new Map<string, string>();
  for (const n of notes) {
    const m = /^ {2}(\S+) \(\w+\): (\d+ -> \d+( \(deleted\))?)$/.exec(n);
    if (m) perFile.set(m[1], m[2]);
  }
  return { before: Number(total[1]), after: Number(total[2]), perFile };
}

const VARIANTS: Array<{ name: string; options: string[] }> = [
  { name: 'defaults (remove, report templates)', options: [] },
  { name: 'templates=remove', options: ['templates=remove'] },
  { name: 'replace-with=openai', options: ['replace-with=openai'] },
];

describe.each(VARIANTS)('remove-ollama on the chatbot example: $name', ({ name, options }) => {
  test('dry run applies, the result compiles, a second run proposes nothing, every mention left is reported', async () => {
    const root = join(work, name.replace(/\W+/g, '-'));
    await buildChatbot(root);

    let report: Report;
    if (options.length === 0) {
      // Through the built CLI, as a user runs it; the JSON report carries the same diff the text format prints.
      const json = runCli(['codemod', 'run', 'remove-ollama', root, '--format', 'json']);
      expect(json.code).toBe(0);
      report = JSON.parse(json.stdout) as Report;
      const dry = runCli(['codemod', 'run', 'remove-ollama', root]);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toBe(report.patch);
      expect(dry.stderr).toMatch(/Ollama references \(lines mentioning Ollama or port 11434\): \d+ before, \d+ after/);
    } else {
      // The other option sets in process (same engine, without three more CLI start-ups).
      const result = await runCodemods({ root, codemods: [{ codemod: removeOllama, options: resolveOptions([removeOllama], options).get(removeOllama.name)! }] });
      report = { files: result.files, review: result.review, notes: result.notes, patch: createPatch(result.changes) };
    }
    expect(report.patch.startsWith('diff --git ')).toBe(true);
    const check = spawnSync('git', ['apply', '--check', '-'], { cwd: root, input: report.patch, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    const refs = references(report.notes);

    if (options.length === 0) {
      const written = runCli(['codemod', 'run', 'remove-ollama', root, '--write']);
      expect(written.code).toBe(0);
    } else {
      const apply = spawnSync('git', ['apply', '-'], { cwd: root, input: report.patch, encoding: 'utf8' });
      expect(apply.status).toBe(0);
    }

    const files = sourceFiles(root);
    const python = files.filter((f) => f.endsWith('.py'));
    const compiled = spawnSync('python3', ['-m', 'py_compile', ...python], { cwd: root, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
    expect(compiled.stderr).toBe('');
    expect(compiled.status).toBe(0);
    for (const js of files.filter((f) => f.endsWith('.js'))) {
      const r = spawnSync(process.execPath, ['--check', js], { cwd: root, encoding: 'utf8' });
      expect(r.stderr, js).toBe('');
    }

    if (options.length === 0) {
      const again = runCli(['codemod', 'run', 'remove-ollama', root]);
      expect(again.code).toBe(0);
      expect(again.stdout).toBe('');
    } else {
      const again = await runCodemods({ root, codemods: [{ codemod: removeOllama, options: resolveOptions([removeOllama], options).get(removeOllama.name)! }] });
      expect(again.changes).toEqual([]);
    }

    // The report's "after" is what is on disk now, and every such line has a review item.
    const reviewed = new Set(report.review.map((r) => `${r.path}:${r.line}`));
    let after = 0;
    const unreported: string[] = [];
    for (const [path] of refs.perFile) {
      if (!existsSync(join(root, path))) continue;
      for (const ref of findReferences(path, readFileSync(join(root, path), 'utf8')).lines) {
        after++;
        if (!reviewed.has(`${path}:${ref.line}`)) unreported.push(`${path}:${ref.line}`);
      }
    }
    expect(after).toBe(refs.after);
    expect(unreported).toEqual([]);

    // What seed 003 asked for.
    expect(refs.before).toBeGreaterThan(100);
    for (const f of ['archive/ollama_rag_chatbot/app.py', 'archive/ollama_rag_chatbot/ollama_client.py', 'archive/ollama_rag_chatbot/README.md']) {
      expect(existsSync(join(root, f)), f).toBe(false);
    }
    for (const f of ['app.py', 'blueprints/api.py', 'services/llm_service.py']) {
      const text = readFileSync(join(root, f), 'utf8');
      expect(text, f).not.toMatch(/^\s*(import ollama|from langchain_community\.llms import Ollama)/m);
      expect(text, f).not.toMatch(/OLLAMA_BASE_URL|ollama\.Client|\/ollama\//);
    }
    expect(refs.perFile.get('services/llm_service.py')).toBe('4 -> 0');
    expect(readFileSync(join(root, 'requirements.txt'), 'utf8')).not.toMatch(/^ollama/m);
    const api = readFileSync(join(root, 'blueprints/api.py'), 'utf8');
    expect(api).toMatch(/if provider not in \("openai",\):/);
    expect(api).toMatch(/def llm_provider\(\):/);
    const js = readFileSync(join(root, 'static/v2/js/dashboard-llm.js'), 'utf8');
    expect(js).not.toMatch(/\/api\/ollama\//);
    expect(js).toMatch(/function saveLlmSettings\(\)/);
    const template = readFileSync(join(root, 'templates/components/dashboard_llm_tab.html'), 'utf8');
    if (name === 'templates=remove') {
      expect(template).not.toMatch(/id="ollama-/);
      expect(js).not.toMatch(/\$\('ollama-/);
    } else {
      expect(template).toMatch(/id="ollama-settings"/);
      expect(report.review.some((r) => r.path === 'templates/components/dashboard_llm_tab.html' && /templates=remove/.test(r.message))).toBe(true);
    }
    // The backup copy of the app is left whole, code and manifests (issue 10 class 12): no edit, no review item inside it.
    expect(report.patch).not.toMatch(/^diff --git a\/backups\//m);
    expect(report.review.filter((r) => r.path.startsWith('backups/'))).toEqual([]);
    process.stderr.write(`remove-ollama on the chatbot (${name}): ${refs.before} Ollama reference lines before, ${refs.after} after\n`);
  });
});
