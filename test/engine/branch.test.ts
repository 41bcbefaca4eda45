/** commitOnBranch: one commit on a new branch from HEAD, made in a temporary worktree. */
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { SafetyError, UsageError } from '../../src/errors.js';
import { commitOnBranch } from '../../src/patch/branch.js';
import { git, gitRepo, tempDir } from './helpers.js';

let dir: string;
let cleanup: () => void;
const binary = Buffer.from([0, 1, 2, 255, 254, 0, 10]);

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  gitRepo(dir, { 'a.txt': 'one\n', 'c.bin': binary, 'sub/d.txt': 'dee\n', 'run.sh': '#!/bin/sh\n' });
  chmodSync(join(dir, 'run.sh'), 0o755);
  git(dir, 'commit', '-q', '-am', 'exec bit');
});
afterEach(() => cleanup());

test('modified, added and deleted files (binary included) land in one commit; the checkout stays as it was', () => {
  const head = git(dir, 'rev-parse', 'HEAD').trim();
  const result = commitOnBranch(dir, 'topic', [
    { path: 'a.txt', before: 'one\n', after: 'two\n' },
    { path: 'new/b.txt', before: null, after: 'bee\n' },
    { path: 'c.bin', before: binary, after: null },
    { path: 'run.sh', before: '#!/bin/sh\n', after: null, mode: '100755' },
  ], 'subject\n\nbody\n');
  expect(git(dir, 'rev-parse', 'topic').trim()).toBe(result.commit);
  expect(git(dir, 'rev-parse', 'topic~1').trim()).toBe(head);
  expect(git(dir, 'diff', '--name-status', 'HEAD', 'topic').trim().split('\n').sort()).toEqual(['A\tnew/b.txt', 'D\tc.bin', 'D\trun.sh', 'M\ta.txt']);
  expect(git(dir, 'show', 'topic:a.txt')).toBe('two\n');
  expect(git(dir, 'log', '-1', '--format=%B', 'topic')).toBe('subject\n\nbody\n\n');
  expect(git(dir, 'status', '--porcelain')).toBe('');
  expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('one\n');
  expect(git(dir, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
});

test('paths are relative to a root inside the repository', () => {
  commitOnBranch(join(dir, 'sub'), 'sub-topic', [{ path: 'd.txt', before: 'dee\n', after: 'DEE\n' }], 'm\n');
  expect(git(dir, 'show', 'sub-topic:sub/d.txt')).toBe('DEE\n');
});

test('a failure inside the worktree leaves no branch and no worktree behind', () => {
  expect(() => commitOnBranch(dir, 'broken', [{ path: 'a.txt', before: 'not what HEAD has\n', after: 'x\n' }], 'm\n')).toThrow(SafetyError);
  expect(git(dir, 'branch', '--list', 'broken')).toBe('');
  expect(git(dir, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
});

test('refusals: not a repository, bad branch names, no commit yet', () => {
  const other = tempDir();
  try {
    expect(() => commitOnBranch(other.dir, 'x', [], 'm\n')).toThrow(UsageError);
    git(other.dir, 'init', '-q');
    expect(() => commitOnBranch(other.dir, 'x', [], 'm\n')).toThrow(/no commit yet/);
  } finally {
    other.cleanup();
  }
  expect(() => commitOnBranch(dir, 'bad..name', [], 'm\n')).toThrow(/not a valid branch name/);
  expect(() => commitOnBranch(dir, 'main', [], 'm\n')).toThrow(SafetyError);
});
