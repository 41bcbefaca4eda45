/** Repositories that try to make repolish run code or lose data, for the test/safety/git-*.test.ts files. */
import { chmodSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliResult } from '../helpers/cli.js';
import { gitEnv, makeRepo, runGit, tempDir, type Tree } from '../helpers/repo.js';

export const SQLITE = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(100)]);
export const PYC = Buffer.from([0xa7, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0]);

/** A small speech-to-text script the whisper codemod rewrites. */
export const SPEECH_SCRIPT = 'import whisper\n\nasr = whisper.load_model("small")\nout = asr.transcribe("meeting.wav")\nprint(out["text"])\n';

/** Every hook git could fire for the commands repolish runs. */
export const HOOK_NAMES = [
  'pre-commit', 'prepare-commit-msg', 'commit-msg', 'post-commit', 'post-checkout', 'post-index-change',
  'reference-transaction', 'pre-auto-gc', 'post-rewrite', 'pre-merge-commit', 'post-merge',
];

/**
 * A folder for marker files and a script that writes one: `trap(name)` returns the path of an
 * executable that creates `markers/name` (then copies stdin to stdout, so it also works as a
 * filter). `ran()` lists the markers written.
 */
export function markerKit(): { dir: string; trap: (name: string, exitCode?: number) => string; ran: () => string[] } {
  const dir = tempDir('repolish-markers-');
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  return {
    dir,
    trap(name, exitCode = 0) {
      const path = join(bin, name);
      writeFileSync(path, `#!/bin/sh\ntouch '${join(dir, name)}'\n${exitCode === 0 ? 'cat\n' : ''}exit ${exitCode}\n`);
      chmodSync(path, 0o755);
      return path;
    },
    ran: () => readdirSync(dir).filter((n) => n !== 'bin').sort(),
  };
}

/**
 * A repository whose own configuration names a program for everything git can run on its
 * behalf: fsmonitor, every hook, clean/smudge/process filters (applied to every file by
 * .gitattributes), diff drivers, and commit signing. Set after the commit, so only repolish's
 * git calls could trigger them.
 */
export function hostileRepo(tree: Tree, commit: string[]): { root: string; ran: () => string[] } {
  const kit = markerKit();
  const root = makeRepo({ '.gitattributes': '* filter=trap diff=trap\n*.txt filter=proc\n', ...tree }, ['.gitattributes', ...commit]);
  const config = (key: string, value: string) => runGit(root, ['config', key, value]);
  config('core.fsmonitor', kit.trap('fsmonitor'));
  config('filter.trap.clean', kit.trap('filter-clean'));
  config('filter.trap.smudge', kit.trap('filter-smudge'));
  config('filter.trap.required', 'true');
  config('filter.proc.process', kit.trap('filter-process'));
  config('diff.trap.textconv', kit.trap('textconv'));
  config('diff.trap.command', kit.trap('diff-command'));
  config('diff.external', kit.trap('diff-external'));
  config('core.pager', kit.trap('pager'));
  config('commit.gpgSign', 'true');
  config('gpg.program', kit.trap('gpg', 1));
  config('gpg.ssh.program', kit.trap('gpg-ssh', 1));
  config('gpg.ssh.defaultKeyCommand', kit.trap('ssh-key-command', 1));
  for (const hook of HOOK_NAMES) {
    const path = join(root, '.git', 'hooks', hook);
    writeFileSync(path, `#!/bin/sh\ntouch '${join(kit.dir, `hook-${hook}`)}'\n`);
    chmodSync(path, 0o755);
  }
  // Rewritten with the same bytes: the index's stat data no longer matches, so git would
  // re-read the files through the clean filter to answer `status`.
  for (const path of commit) {
    const content = tree[path];
    if (typeof content === 'string' || Buffer.isBuffer(content)) writeFileSync(join(root, path), content);
  }
  return { root, ran: kit.ran };
}

/** The CLI with extra environment variables on top of the test's isolated git environment. */
export function runWithEnv(args: string[], env: NodeJS.ProcessEnv): CliResult {
  return runCli(args, { env: { ...gitEnv, NO_COLOR: '1', ...env } });
}
