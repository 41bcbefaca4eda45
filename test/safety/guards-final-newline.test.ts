/**
 * Issue 10 class 11: removing the last lines of a requirement file without a final line break
 * removed nothing (two removals overlapped) while the summary claimed the removal. The removal
 * works now (cases: prune-requirements and remove-ollama `requirements-no-final-newline*`), and
 * the summary is computed from what was applied.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runCodemods } from '../../src/engine/runner.js';
import type { Codemod } from '../../src/engine/types.js';
import { parseRequirementsFile, removeLines } from '../../src/manifests/requirements-edit.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo, removeDir } from '../helpers/repo.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeDir));

describe('removeLines', () => {
  const apply = (text: string, names: string[]) => {
    const lines = parseRequirementsFile(text).filter((l) => names.includes(l.normalized ?? ''));
    let out = text;
    for (const e of removeLines(text, lines).sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    return out;
  };
  it('keeps a file without a final line break without one, and never overlaps', () => {
    expect(apply('a\nb\nc', ['b', 'c'])).toBe('a');
    expect(apply('a\nb\nc', ['c'])).toBe('a\nb');
    expect(apply('a\r\nb\r\nc', ['b', 'c'])).toBe('a');
    expect(apply('a\nb\nc\n', ['b', 'c'])).toBe('a\n');
    expect(apply('a\nb\nc', ['a', 'c'])).toBe('b');
    expect(apply('a\nb', ['a', 'b'])).toBe('');
  });
});

describe('the summary says what was applied', () => {
  it('prune-requirements on a file without a final line break removes both lines and says so', () => {
    const root = makeRepo({ 'app.py': 'import requests\n\nprint(requests.__name__)\n', 'requirements.txt': 'requests\nhumanize\narrow' }, ['app.py', 'requirements.txt']);
    roots.push(root);
    const r = runCli(['codemod', 'run', 'prune-requirements', root]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('-humanize\n-arrow\n');
    expect(r.stderr).not.toMatch(/overlapping/);
    expect(r.stderr).toMatch(/2 declarations removed \(humanize, arrow\)/);
  });

  it('a change the engine refuses is not claimed, by notes or by a summary', async () => {
    const root = makeRepo({ 'requirements.txt': 'a\nb\nc\n', 'other.txt': 'x\n' });
    roots.push(root);
    const overlapping: Codemod = {
      name: 'overlapping', description: 'test codemod', files: [], triggers: [], options: [],
      finish: () => ({
        changes: [
          { path: 'requirements.txt', edits: [{ start: 0, end: 4, text: '' }, { start: 2, end: 6, text: '' }] },
          { path: 'other.txt', edits: [{ start: 0, end: 2, text: '' }] },
        ],
        notes: ['requirements.txt: a and b removed', 'other.txt: x removed'],
      }),
    };
    const summarized: Codemod = {
      ...overlapping,
      name: 'summarized',
      finish: () => ({
        changes: [{ path: 'requirements.txt', edits: [{ start: 0, end: 4, text: '' }, { start: 2, end: 6, text: '' }] }],
        summary: (applied) => [applied.has('requirements.txt') ? 'removed a and b' : 'nothing removed'],
      }),
    };
    const first = await runCodemods({ root, codemods: [{ codemod: overlapping, options: {} }] });
    expect(first.notes).toEqual(['other.txt: x removed', 'overlapping: requirements.txt was left unchanged (the codemod proposed overlapping edits): nothing was removed from or added to it']);
    expect(first.changes.map((c) => c.path)).toEqual(['other.txt']);
    const second = await runCodemods({ root, codemods: [{ codemod: summarized, options: {} }] });
    expect(second.notes).toEqual(['nothing removed', 'summarized: requirements.txt was left unchanged (the codemod proposed overlapping edits): nothing was removed from or added to it']);
  });
});
