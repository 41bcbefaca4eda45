/** Real git repositories in temporary folders, isolated from the user's git configuration. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Variables the spawned processes of the tests go without. NODE_EXTRA_CA_CERTS makes every Node
 * start read and parse a certificate bundle (about 50 ms of CPU, hundreds of CLI runs a test run);
 * the CLI makes no TLS connection.
 */
export const TEST_ENV_DROPPED = ['NODE_EXTRA_CA_CERTS'] as const;

const inherited: NodeJS.ProcessEnv = { ...process.env };
for (const key of TEST_ENV_DROPPED) delete inherited[key];

export const gitEnv: NodeJS.ProcessEnv = {
  ...inherited,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  XDG_CONFIG_HOME: join(tmpdir(), 'repolish-no-xdg'),
};

export function runGit(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
}

export function tempDir(prefix = 'repolish-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export type Tree = Record<string, string | Buffer | { symlink: string }>;

export function writeTree(root: string, tree: Tree): void {
  for (const [path, content] of Object.entries(tree)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    if (path.endsWith('/')) mkdirSync(abs, { recursive: true });
    else if (typeof content === 'object' && !Buffer.isBuffer(content)) symlinkSync(content.symlink, abs);
    else writeFileSync(abs, content);
  }
}

/** A git repository with `tree` written; `commit` paths are added and committed (force-added). */
export function makeRepo(tree: Tree, commit: string[] = []): string {
  const root = tempDir();
  runGit(root, ['init', '-q', '-b', 'main']);
  writeTree(root, tree);
  if (commit.length > 0) {
    runGit(root, ['add', '-f', '--', ...commit]);
    runGit(root, ['commit', '-q', '-m', 'initial']);
  }
  return root;
}

export function removeDir(path: string): void {
  rmSync(path, { recursive: true, force: true });
}
