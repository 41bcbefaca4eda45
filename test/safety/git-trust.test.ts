/**
 * Issue 15, items 14 and 6: nothing the scanned repository configures is executed, and git
 * variables exported by the caller cannot make tracked files look untracked.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRepo, removeDir, runGit, tempDir } from '../helpers/repo.js';
import { hostileRepo, PYC, runWithEnv, SPEECH_SCRIPT, SQLITE } from './git-fixtures.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

const TREE = {
  'app/asr.py': SPEECH_SCRIPT,
  'requirements.txt': 'openai-whisper==20231117\n',
  'notes.txt': 'plain text\n',
  'app/__pycache__/asr.cpython-311.pyc': PYC,
  'server.log': 'log line\n',
  'cache.db': SQLITE,
};
const COMMITTED = ['app/asr.py', 'requirements.txt', 'notes.txt', 'cache.db'];

describe('a repository whose config names programs (fsmonitor, hooks, filters, diff drivers, gpg)', () => {
  const commands: [string, (root: string) => string[], number][] = [
    ['scan', (root) => ['scan', '--format', 'json', root], 0],
    ['fix --write', (root) => ['fix', '--write', root], 0],
    ['clean --yes --untrack', (root) => ['clean', '--yes', '--untrack', '--include', 'cache,logs,data', root], 0],
    ['codemod run', (root) => ['codemod', 'run', 'whisper-to-faster-whisper', root], 0],
    ['codemod run --write', (root) => ['codemod', 'run', 'whisper-to-faster-whisper', root, '--write'], 0],
    ['codemod run --branch', (root) => ['codemod', 'run', 'whisper-to-faster-whisper', root, '--branch', 'fw'], 0],
  ];
  it.each(commands)('%s runs none of them', (_name, args, code) => {
    const { root, ran } = hostileRepo(TREE, COMMITTED);
    made.push(root);
    const r = runCli(args(root));
    expect(r.code, r.stderr).toBe(code);
    expect(ran()).toEqual([]);
  });

  it('--branch makes the commit with the reviewed message, unsigned (the repository cannot ask for signing)', () => {
    const { root, ran } = hostileRepo(TREE, COMMITTED);
    made.push(root);
    const r = runCli(['codemod', 'run', 'whisper-to-faster-whisper', root, '--branch', 'fw']);
    expect(r.code, r.stderr).toBe(0);
    expect(runGit(root, ['log', '-1', '--format=%s', 'fw']).trim()).toBe('repolish: whisper-to-faster-whisper');
    expect(runGit(root, ['cat-file', 'commit', 'fw'])).not.toContain('gpgsig');
    expect(runGit(root, ['show', 'fw:app/asr.py'])).toContain('faster_whisper');
    expect(ran()).toEqual([]);
  });
});

describe('git variables exported by the caller are not obeyed', () => {
  function repoWithTrackedData(): string {
    const root = makeRepo({ 'app.py': 'print(1)\n', 'keep.db': SQLITE, 'scratch.db': SQLITE }, ['app.py', 'keep.db']);
    made.push(root);
    return root;
  }

  function elsewhere(): { other: string; emptyIndex: string } {
    const other = makeRepo({ 'x.txt': 'x\n' }, ['x.txt']);
    made.push(other);
    const emptyIndex = join(tempDir(), 'index');
    made.push(join(emptyIndex, '..'));
    return { other, emptyIndex };
  }

  const cases: [string, (e: ReturnType<typeof elsewhere>, root: string) => NodeJS.ProcessEnv][] = [
    ['GIT_DIR and GIT_WORK_TREE', (e, root) => ({ GIT_DIR: join(e.other, '.git'), GIT_WORK_TREE: root })],
    ['GIT_INDEX_FILE', (e) => ({ GIT_INDEX_FILE: e.emptyIndex })],
    ['GIT_DIR alone', (e) => ({ GIT_DIR: join(e.other, '.git') })],
    ['GIT_CONFIG_PARAMETERS', () => ({ GIT_CONFIG_PARAMETERS: "'core.worktree'='/nonexistent'" })],
    ['GIT_CONFIG_COUNT', () => ({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.bare', GIT_CONFIG_VALUE_0: 'true' })],
    ['GIT_NAMESPACE, GIT_OBJECT_DIRECTORY, GIT_COMMON_DIR', (e) => ({ GIT_NAMESPACE: 'n', GIT_OBJECT_DIRECTORY: join(e.other, '.git', 'objects'), GIT_COMMON_DIR: join(e.other, '.git') })],
  ];

  it.each(cases)('%s: clean --yes keeps the tracked file and deletes only the untracked one', (_name, env) => {
    const root = repoWithTrackedData();
    const r = runWithEnv(['clean', '--yes', '--include', 'data', root], env(elsewhere(), root));
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(root, 'keep.db'))).toBe(true);
    expect(existsSync(join(root, 'scratch.db'))).toBe(false);
    expect(r.stdout).toMatch(/kept: 1 tracked path/);
  });

  it('the identity and global-config choice of the caller still apply to --branch', () => {
    const root = makeRepo({ 'app/asr.py': SPEECH_SCRIPT, 'requirements.txt': 'openai-whisper==20231117\n' }, ['app/asr.py', 'requirements.txt']);
    made.push(root);
    const r = runWithEnv(['codemod', 'run', 'whisper-to-faster-whisper', root, '--branch', 'fw'], { GIT_AUTHOR_NAME: 'Someone Else', GIT_INDEX_FILE: '/nonexistent/index' });
    expect(r.code, r.stderr).toBe(0);
    expect(runGit(root, ['log', '-1', '--format=%an', 'fw']).trim()).toBe('Someone Else');
    expect(readFileSync(join(root, 'app/asr.py'), 'utf8')).toBe(SPEECH_SCRIPT);
  });
});
