/**
 * Issue 15, items 5 and 15: `codemod run --branch` runs none of the repository's hooks, names a
 * failing signature in its error, and leaves no worktree or temporary folder behind, whether it
 * fails, is interrupted, or finds leftovers of an earlier run that was killed.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { gitEnv, runGit } from '../helpers/repo.js';
import { Scratch } from '../helpers/scratch.js';
import { HOOK_NAMES, markerKit, SPEECH_SCRIPT } from './git-fixtures.js';

const scratch = new Scratch();

function project(): string {
  return scratch.repo({ 'app/asr.py': SPEECH_SCRIPT, 'requirements.txt': 'openai-whisper==20231117\n' });
}

/** A private TMPDIR, so leftovers of this run (and only this run) can be counted. */
function privateTmp(): string {
  return scratch.dir('repolish-tmp-');
}

function branch(root: string, env: NodeJS.ProcessEnv, name = 'fw') {
  return spawnSync(process.execPath, [BIN, 'codemod', 'run', 'whisper-to-faster-whisper', root, '--branch', name], {
    encoding: 'utf8', env: { ...gitEnv, NO_COLOR: '1', ...env },
  });
}

function expectNothingLeft(root: string, tmp: string): void {
  expect(runGit(root, ['worktree', 'list', '--porcelain']).match(/^worktree /gm)).toHaveLength(1);
  expect(readdirSync(tmp).filter((n) => n.startsWith('repolish-branch-'))).toEqual([]);
  expect(runGit(root, ['branch', '--list', 'fw'])).toBe('');
  expect(runGit(root, ['status', '--porcelain'])).toBe('');
}

/** A global git configuration (the user's own) that asks for signing with `program`. */
function userConfigSigningWith(program: string): string {
  const dir = scratch.dir('repolish-home-');
  const config = join(dir, 'gitconfig');
  writeFileSync(config, `[commit]\n\tgpgSign = true\n[gpg]\n\tprogram = ${program}\n[user]\n\tsigningKey = 0123456789ABCDEF\n`);
  return config;
}

describe('--branch and hooks', () => {
  it('no hook runs, from .git/hooks or from a core.hooksPath the repository sets; the message is the reviewed one', () => {
    const root = project();
    const kit = markerKit();
    scratch.add(kit.dir);
    const ownHooks = join(root, 'custom-hooks');
    mkdirSync(ownHooks);
    for (const hook of HOOK_NAMES) {
      for (const dir of [join(root, '.git', 'hooks'), ownHooks]) {
        const path = join(dir, hook);
        // prepare-commit-msg and commit-msg rewrite the message; the rest leave a marker.
        writeFileSync(path, `#!/bin/sh\ntouch '${join(kit.dir, `${hook}-${dir === ownHooks ? 'configured' : 'default'}`)}'\n[ -n "$1" ] && [ -f "$1" ] && echo 'rewritten by a hook' > "$1"\nexit 0\n`);
        chmodSync(path, 0o755);
      }
    }
    const tmp = privateTmp();
    const first = branch(root, { TMPDIR: tmp });
    expect(first.status, first.stderr).toBe(0);
    runGit(root, ['config', 'core.hooksPath', ownHooks]);
    const second = branch(root, { TMPDIR: tmp }, 'fw2');
    expect(second.status, second.stderr).toBe(0);
    expect(kit.ran()).toEqual([]);
    for (const name of ['fw', 'fw2']) {
      expect(runGit(root, ['log', '-1', '--format=%s', name]).trim()).toBe('repolish: whisper-to-faster-whisper');
    }
  });
});

describe('--branch and signing', () => {
  it('a signature the user\'s own configuration asks for, that fails, is named in the error; nothing is left', () => {
    const root = project();
    const kit = markerKit();
    scratch.add(kit.dir);
    const tmp = privateTmp();
    const r = branch(root, { TMPDIR: tmp, GIT_CONFIG_GLOBAL: userConfigSigningWith(kit.trap('user-gpg', 1)) });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/signing the commit failed \(commit\.gpgSign is set in your git configuration; .*user-gpg could not sign\)/);
    expect(r.stderr).toMatch(/gpg failed to sign the data/);
    expect(kit.ran()).toEqual(['user-gpg']);
    expectNothingLeft(root, tmp);
  });
});

describe('--branch interrupted', () => {
  it.each(['INT', 'TERM'])('SIG%s while git works: no worktree, no temporary folder, no branch', (signal) => {
    const root = project();
    const kit = markerKit();
    scratch.add(kit.dir);
    // The signing program (the user's own) signals the repolish process, its grandparent.
    const program = join(kit.dir, 'bin', 'interrupt');
    writeFileSync(program, `#!/bin/sh\ntouch '${join(kit.dir, 'interrupted')}'\nkill -${signal} $(awk '{print $4}' /proc/$PPID/stat)\nsleep 1\nexit 1\n`);
    chmodSync(program, 0o755);
    const tmp = privateTmp();
    const r = branch(root, { TMPDIR: tmp, GIT_CONFIG_GLOBAL: userConfigSigningWith(program) });
    expect(kit.ran()).toEqual(['interrupted']);
    // The process still ends by the signal, after the cleanup.
    expect(r.signal, r.stderr).toBe(`SIG${signal}`);
    expectNothingLeft(root, tmp);
  });

  it('leftovers of a killed earlier run (a registered worktree, a temp folder of a dead process) are removed; others are not', () => {
    const root = project();
    const tmp = privateTmp();
    const oldRun = join(tmp, 'repolish-branch-Ab12Cd');
    mkdirSync(oldRun);
    runGit(root, ['worktree', 'add', '-q', '--detach', join(oldRun, 'worktree'), 'HEAD']);
    const deadRun = join(tmp, 'repolish-branch-999999999-Xy34Zw');
    mkdirSync(deadRun);
    writeFileSync(join(deadRun, 'index'), '');
    const usersOwn = join(privateTmp(), 'my-worktree');
    runGit(root, ['worktree', 'add', '-q', '--detach', usersOwn, 'HEAD']);

    const r = branch(root, { TMPDIR: tmp });
    expect(r.status, r.stderr).toBe(0);
    const listed = runGit(root, ['worktree', 'list', '--porcelain']);
    expect(listed).not.toContain('repolish-branch-');
    expect(listed).toContain(usersOwn);
    expect(existsSync(oldRun)).toBe(false);
    expect(existsSync(deadRun)).toBe(false);
    expect(readdirSync(tmp)).toEqual([]);
  });
});
