/**
 * prune-requirements through the real engine: the unused declarations go, every other byte of the
 * manifests stays, the diff applies with `git apply --check`, a second run changes nothing, and a
 * package that a used dependency needs is never removed. Scenarios that fit a folder (every other
 * byte of a manifest kept; development tools kept unless `tools=yes`) are case folders in cases/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/engine/options.js';
import { runCodemods, type RunResult } from '../../src/engine/runner.js';
import { applyChanges } from '../../src/patch/apply.js';
import { createPatch } from '../../src/patch/diff.js';
import { applyEdits } from '../../src/text/edit.js';
import { removeDir, runGit } from '../../test/helpers/repo.js';
import { chatbotRepo, CHATBOT_REQUIREMENTS } from '../../test/deps/scenarios.js';
import { podmanRepo } from '../../test/docker/scenarios.js';
import { pruneRequirements, removalEdits } from './index.js';

const roots: string[] = [];
afterAll(() => roots.forEach(removeDir));

async function run(root: string, options: string[] = []): Promise<RunResult> {
  const resolved = resolveOptions([pruneRequirements], options).get(pruneRequirements.name)!;
  return runCodemods({ root, codemods: [{ codemod: pruneRequirements, options: resolved }] });
}

/** Runs, checks the patch against git, writes it, and checks that a second run has nothing to do. */
async function prune(root: string, options: string[] = []): Promise<RunResult> {
  const first = await run(root, options);
  const patch = createPatch(first.changes);
  if (patch) runGit(root, ['apply', '--check'], patch);
  applyChanges(root, first.changes);
  const second = await run(root, options);
  expect(second.changes).toEqual([]);
  return first;
}

describe('prune-requirements', () => {
  it('removes the unused packages of the chatbot and keeps what used packages need', async () => {
    const root = chatbotRepo();
    roots.push(root);
    const result = await prune(root);
    const after = readFileSync(join(root, 'requirements.txt'), 'utf8');
    const expected = CHATBOT_REQUIREMENTS.split('\n').filter((l) => !/^(datasets|pandas|pyarrow)==/.test(l)).join('\n');
    expect(after).toBe(expected);
    // torch, transformers and scikit-learn stay: sentence-transformers (imported) needs them.
    for (const kept of ['torch==', 'transformers==', 'scikit-learn==']) expect(after).toContain(kept);
    expect(result.notes[0]).toMatch(/3 declarations removed \(datasets, pandas, pyarrow\); together they free 2\d\d MB in venv\//);
    expect(result.review).toEqual([]);
  });

  it('judges a requirement file that only one image installs by that image\'s code', async () => {
    const root = podmanRepo();
    roots.push(root);
    const result = await prune(root);
    expect(result.changes.map((c) => c.path)).toEqual(['requirements-chainlit.txt']);
    expect(readFileSync(join(root, 'requirements-chainlit.txt'), 'utf8')).toBe('chainlit==1.2.0\nhttpx==0.27.2\n');
    expect(result.notes.join('\n')).toMatch(/free ≈6\.\d GB in the image of Podmanfile\.chainlit/);
  });

  it('with images=no judges by the whole repository: torch stays for openai-whisper', async () => {
    const root = podmanRepo();
    roots.push(root);
    await prune(root, ['images=no']);
    expect(readFileSync(join(root, 'requirements-chainlit.txt'), 'utf8')).toBe('chainlit==1.2.0\nhttpx==0.27.2\ntorch>=2.2.0\n');
  });

  it('computes edits from the current text, by name (another codemod may have moved lines)', () => {
    const review: Parameters<typeof removalEdits>[3] = [];
    const text = 'a\nDatasets[streaming]==2.0\nb\n';
    const edits = removalEdits('requirements.txt', text, ['datasets'], review);
    expect(edits).toEqual([{ start: 2, end: 27, text: '' }]);
    expect(review).toEqual([]);
  });

  it('removes neighbouring items of one pyproject array together (their commas do not make overlapping edits)', () => {
    const review: Parameters<typeof removalEdits>[3] = [];
    const text = '[project]\nname = "app"\ndependencies = ["flask", "pandas", "pyarrow"]\n[project.optional-dependencies]\nio = [\n  "pyarrow>=15",\n  "pandas",\n]\n';
    const edits = removalEdits('pyproject.toml', text, ['pandas', 'pyarrow'], review);
    expect(applyEdits(text, edits)).toBe('[project]\nname = "app"\ndependencies = ["flask"]\n[project.optional-dependencies]\nio = [\n]\n');
    expect(review).toEqual([]);
  });
});
