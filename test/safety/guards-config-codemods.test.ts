/** Issue 15: an unknown codemod in the configuration's `codemods` table is a usage error (exit 2). */
import { afterAll, describe, expect, it } from 'vitest';
import { codemods } from '../../codemods/index.js';
import { CODEMOD_NAMES } from '../../codemods/names.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo, removeDir } from '../helpers/repo.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeDir));

function repo(files: Record<string, string>): string {
  const root = makeRepo(files);
  roots.push(root);
  return root;
}

describe('the codemods table of the configuration', () => {
  it('lists the same names as the registry', () => {
    expect([...CODEMOD_NAMES].sort()).toEqual(codemods.map((c) => c.name).sort());
  });

  it('a misspelt codemod in repolish.config.json: exit 2 naming the file and key, with a suggestion', () => {
    const root = repo({ 'repolish.config.json': JSON.stringify({ codemods: { 'remove-olama': { 'replace-with': 'openai' } } }), 'a.py': 'import ollama\n' });
    for (const args of [['scan', root], ['codemod', 'run', 'remove-ollama', root]]) {
      const r = runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/repolish\.config\.json: unknown codemod "remove-olama" in "codemods" \(did you mean "remove-ollama"\?\)/);
    }
  });

  it('in pyproject.toml the key reads as written there; a name unlike any lists them', () => {
    const root = repo({ 'pyproject.toml': '[tool.repolish.codemods.upgrade-everything]\nlevel = "max"\n', 'a.py': 'x = 1\n' });
    const r = runCli(['scan', root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pyproject\.toml: unknown codemod "upgrade-everything" in "\[tool\.repolish\]\.codemods" \(codemods: whisper-to-faster-whisper, remove-ollama, prune-requirements\)/);
  });

  it('known names still load', () => {
    const root = repo({ 'repolish.config.json': JSON.stringify({ codemods: { 'whisper-to-faster-whisper': { compute_type: 'int8' } } }), 'a.py': 'x = 1\n' });
    expect(runCli(['scan', root]).code).toBe(0);
  });
});
