import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectFacts, collectFactsAsync, type RepoFacts } from '../../src/model/facts.js';
import { BackgroundGit, historyObjectSizes } from '../../src/model/git.js';
import { scan, scanAsync } from '../../src/scan.js';
import { makeRepo, removeDir, runGit, tempDir } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

/** What the walk and git said, without the functions. */
function picture(facts: RepoFacts) {
  return {
    git: facts.git,
    warnings: facts.warnings,
    files: [...facts.files()].map(({ path, file }) => [path, file.size, file.tracked, file.ignored]),
    trackedDirs: [...facts.files()].map(({ dir }) => [dir.path, dir.tracked]),
  };
}

/** A repository with history: a 6 MB blob committed and then deleted, tracked and untracked files. */
function repoWithHistory(): string {
  const big = Buffer.alloc(6 * 1024 * 1024);
  for (let i = 0; i < big.length; i += 4096) big[i] = i % 253;
  const root = makeRepo({ 'data/old.sql': big, 'src/app.py': 'x = 1\n', '.gitignore': '*.log\n' }, ['data/old.sql', 'src/app.py', '.gitignore']);
  made.push(root);
  runGit(root, ['rm', '-q', 'data/old.sql']);
  runGit(root, ['commit', '-qm', 'drop the dump']);
  mkdirSync(join(root, 'notes'));
  writeFileSync(join(root, 'notes/todo.txt'), 'later\n');
  writeFileSync(join(root, 'notes/run.log'), 'log\n');
  return root;
}

describe('collectFactsAsync (git read during the walk)', () => {
  // Each test gets its own temporary folder, so it can tell that git's output files were removed.
  let scratch: string;
  let savedTmp: string | undefined;
  beforeEach(() => {
    scratch = tempDir('repolish-facts-tmp-');
    made.push(scratch);
    savedTmp = process.env.TMPDIR;
  });
  afterEach(() => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  });

  it('gives the facts the synchronous collection gives, and lists history once', async () => {
    const root = repoWithHistory();
    process.env.TMPDIR = scratch;
    const facts = await collectFactsAsync(root, { readHistory: true });
    expect(readdirSync(scratch)).toEqual([]);
    expect(picture(facts)).toEqual(picture(collectFacts(root)));
    expect(facts.file('src/app.py')!.file.tracked).toBe(true);
    expect(facts.file('notes/todo.txt')!.file.tracked).toBe(false);
    expect(facts.historyObjectSizes).toBe(historyObjectSizes(root));
    expect(facts.historyObjectSizes).toMatch(/^blob 6291456 data\/old\.sql$/m);
    // Without readHistory, the rule asks git itself.
    expect((await collectFactsAsync(root)).historyObjectSizes).toBeUndefined();
  });

  it("leaves nothing in the temporary folder even while git runs (a Ctrl-C then cannot leave git's output behind)", async () => {
    const root = repoWithHistory();
    process.env.TMPDIR = scratch;
    const background = new BackgroundGit(root, [['rev-list', '--objects', '--all'], ['cat-file', '--batch-check=%(objecttype) %(objectsize) %(rest)']]);
    expect(readdirSync(scratch)).toEqual([]); // before git has finished: the output file is already unlinked
    const output = (await background.output()).toString('utf8');
    expect(output).toMatch(/^blob 6291456 data\/old\.sql$/m);
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('finds the same history blobs through scanAsync as through scan', async () => {
    const root = repoWithHistory();
    const historyFindings = (findings: { rule: string }[]) => findings.filter((f) => f.rule === 'git/history-blob');
    const found = historyFindings((await scanAsync(root)).findings);
    expect(found).toEqual(historyFindings(scan(root).findings));
    expect(found.map((f) => (f as { path?: string }).path)).toEqual(['data/old.sql']);
  });

  it('reads a repository without commits: nothing in history, nothing tracked', async () => {
    const root = makeRepo({ 'a.txt': 'a\n' });
    made.push(root);
    const facts = await collectFactsAsync(root, { readHistory: true });
    expect(picture(facts)).toEqual(picture(collectFacts(root)));
    let sync: string | null;
    try {
      sync = historyObjectSizes(root);
    } catch {
      sync = null;
    }
    expect(facts.historyObjectSizes).toBe(sync);
  });

  it('says git cannot read the repository when listing the tracked files fails, as the synchronous walk does', async () => {
    const root = repoWithHistory();
    writeFileSync(join(root, '.git/index'), 'not an index');
    process.env.TMPDIR = scratch;
    const facts = await collectFactsAsync(root, { readHistory: true });
    expect(readdirSync(scratch)).toEqual([]);
    expect(facts.git.kind).toBe('unreadable');
    expect(facts.repo).toBeNull();
    expect(facts.historyObjectSizes).toBeUndefined();
    expect(picture(facts)).toEqual(picture(collectFacts(root)));
  });

  it('reads the skip-worktree paths with the tracked ones (one ls-files)', async () => {
    const root = makeRepo({ 'web/app.py': 'import click\n', 'worker/jobs.py': 'import redis\n', 'worker/notes.txt': 'n\n' }, ['web/app.py', 'worker/jobs.py', 'worker/notes.txt']);
    made.push(root);
    runGit(root, ['sparse-checkout', 'set', '--no-cone', '/*', '!/worker/']);
    const facts = await collectFactsAsync(root);
    expect(facts.skipWorktree).toEqual(['worker/jobs.py', 'worker/notes.txt']);
    expect(picture(facts)).toEqual(picture(collectFacts(root)));
    expect(collectFacts(root).skipWorktree).toBeUndefined();
  });

  it('collects nothing from git outside a repository', async () => {
    const root = tempDir();
    made.push(root);
    writeFileSync(join(root, 'a.txt'), 'a\n');
    const facts = await collectFactsAsync(root, { readHistory: true });
    expect(facts.git.kind).toBe('none');
    expect(picture(facts)).toEqual(picture(collectFacts(root)));
  });
});
