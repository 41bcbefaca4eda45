/**
 * `codemod run` as issue 11 asks: --branch checks its preconditions before any work, no "--patch"
 * advice after --patch, a second --write with nothing left is one line, and the review headline
 * names the --option that would have done the items.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { runGit } from '../helpers/repo.js';
import { Scratch } from '../helpers/scratch.js';

const scratch = new Scratch();
const repo = (tree: Record<string, string>): string => scratch.repo(tree);

const OLLAMA_ONLY = {
  'app.py': 'print("hello")\n',
  'pull_models.py': 'import ollama\nollama.pull("llama3")\n',
  'requirements.txt': 'ollama\n',
};

describe('codemod run', () => {
  it('--branch refuses before any work: existing branch, dirty tree, no repository, unreadable git', () => {
    const root = repo(OLLAMA_ONLY);
    runGit(root, ['branch', 'taken']);
    const taken = runCli(['codemod', 'run', 'remove-ollama', root, '--branch', 'taken']);
    expect(taken.code).toBe(3);
    expect(taken.stderr).toContain('--branch taken: the branch exists already');
    // Before any work: no diff on stdout, no codemod summary on stderr.
    expect(taken.stdout).toBe('');
    expect(taken.stderr).not.toContain('remove-ollama:');

    writeFileSync(join(root, 'app.py'), 'print("changed")\n');
    const dirty = runCli(['codemod', 'run', 'remove-ollama', root, '--branch', 'fresh']);
    expect(dirty.code).toBe(3);
    expect(dirty.stderr).toContain('uncommitted changes (app.py)');
    expect(dirty.stdout).toBe('');
    expect(runGit(root, ['branch', '--list', 'fresh'])).toBe('');

    const plain = scratch.dir('repolish-nogit-');
    writeFileSync(join(plain, 'pull_models.py'), OLLAMA_ONLY['pull_models.py']);
    const none = runCli(['codemod', 'run', 'remove-ollama', plain, '--branch', 'x'], { cwd: plain });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('is not inside a git repository');
    expect(none.stdout).toBe('');

    const broken = scratch.dir('repolish-badgit-');
    writeFileSync(join(broken, '.git'), 'gitdir: /nonexistent/repolish-test\n');
    writeFileSync(join(broken, 'pull_models.py'), OLLAMA_ONLY['pull_models.py']);
    const unreadable = runCli(['codemod', 'run', 'remove-ollama', broken, '--branch', 'x']);
    expect(unreadable.code).toBe(3);
    expect(unreadable.stdout).toBe('');
  });

  it('a dry run suggests --patch only when --patch was not used', () => {
    const root = repo(OLLAMA_ONLY);
    const dry = runCli(['codemod', 'run', 'remove-ollama', root]);
    expect(dry.stderr).toContain('--patch FILE');
    const patched = runCli(['codemod', 'run', 'remove-ollama', root, '--patch', join(root, '..', `p-${scratch.made.length}.patch`)]);
    expect(patched.code).toBe(0);
    expect(patched.stderr).toContain('patch written to');
    expect(patched.stderr).not.toContain('--patch');
  });

  it('a second --write with nothing left is one line: no notes about the files the first run deleted', () => {
    const root = repo(OLLAMA_ONLY);
    const first = runCli(['codemod', 'run', 'remove-ollama', root, '--write']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('pull_models.py: deleted');
    const second = runCli(['codemod', 'run', 'remove-ollama', root, '--write']);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('');
    expect(second.stderr).toBe('nothing to change\n');
  });

  it('the review headline names the --option that would do the items', () => {
    const root = repo({ 'app.py': 'print(1)\n', 'templates/index.html': '<html><body>\n<div id="ollama-status">Ollama</div>\n</body></html>\n' });
    const dry = runCli(['codemod', 'run', 'remove-ollama', root]);
    expect(dry.stderr).toMatch(/^review \(1\): it would be done with --option templates=remove:$/m);
    const again = runCli(['codemod', 'run', 'remove-ollama', root, '--write']);
    expect(again.stderr).toBe('nothing to change; review (1): it would be done with --option templates=remove (a dry run without --write lists them)\n');
    const done = runCli(['codemod', 'run', 'remove-ollama', root, '--option', 'templates=remove']);
    expect(done.stdout).toContain('-<div id="ollama-status">Ollama</div>');
  });
});
