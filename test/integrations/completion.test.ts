/**
 * `repolish completion bash|zsh|fish`, run in the real shells. bash and fish complete a command
 * line themselves (`_repolish` with COMP_WORDS; `complete -C`); zsh's completion builtins only
 * work inside a completion widget, so there `compadd`/`_describe`/`_files` are replaced by
 * functions that print what they were given, and the generated `_repolish` runs as written.
 * .ci/run installs zsh and fish when missing.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { gitEnv, tempDir } from '../helpers/repo.js';

let shimDir: string;
let workDir: string;
let codemodNames: string[];
const scripts: Record<string, string> = {};

function shell(cmd: string, args: string[], input?: string): string {
  const run = spawnSync(cmd, args, {
    cwd: workDir,
    input,
    encoding: 'utf8',
    env: { ...gitEnv, PATH: `${shimDir}:${process.env.PATH}`, HOME: workDir, XDG_CONFIG_HOME: join(workDir, '.config'), NO_COLOR: '1' },
  });
  expect(run.stderr, `${cmd} stderr`).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}

beforeAll(() => {
  for (const sh of ['bash', 'zsh', 'fish']) {
    expect(spawnSync(sh, ['-c', 'exit 0']).status, `${sh} is missing: apt-get install -y ${sh} (.ci/run does this)`).toBe(0);
  }
  shimDir = tempDir('repolish-shim-');
  // `repolish` on PATH, as an installed package puts it there.
  writeFileSync(join(shimDir, 'repolish'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(shimDir, 'repolish'), 0o755);
  workDir = tempDir('repolish-completion-');
  mkdirSync(join(workDir, 'myrepo'));
  writeFileSync(join(workDir, 'report.html'), '');
  for (const sh of ['bash', 'zsh', 'fish']) {
    const out = runCli(['completion', sh]);
    expect(out.code).toBe(0);
    scripts[sh] = join(workDir, `completion.${sh}`);
    writeFileSync(scripts[sh], out.stdout);
  }
  codemodNames = runCli(['codemod', 'list']).stdout.split('\n').filter((l) => /^\S/.test(l)).map((l) => l.split(/\s/)[0]);
  expect(codemodNames.length).toBeGreaterThan(0);
});

function bashComplete(line: string): string[] {
  const words = line.split(' ');
  const program = `source ${scripts.bash}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})
COMP_CWORD=${words.length - 1}
_repolish
printf '%s\\n' "\${COMPREPLY[@]}"`;
  return shell('bash', ['-c', program]).split('\n').filter(Boolean).sort();
}

function fishComplete(line: string): string[] {
  return shell('fish', ['-c', `source ${scripts.fish}; complete -C '${line}'`])
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t')[0])
    .sort();
}

function zshComplete(line: string): string[] {
  const words = line.split(' ');
  const program = `
compdef() { : }
compadd() { [[ "$1" == -- ]] && shift; print -l -- "$@" }
_describe() { local name; for name in \${(P)\${@[-1]}}; do print -r -- "\${name%%:*}"; done }
_files() { print -l -- *(N) }
_path_files() { print -l -- *(N/) }
source ${scripts.zsh}
words=(${words.map((w) => `'${w}'`).join(' ')})
CURRENT=${words.length}
_repolish
`;
  const prefix = words.at(-1)!;
  return shell('zsh', ['-f', '-c', program])
    .split('\n')
    .filter((w) => w && w.startsWith(prefix))
    .sort();
}

const completers = { bash: bashComplete, zsh: zshComplete, fish: fishComplete };

describe.each(Object.entries(completers))('%s completion', (name, complete) => {
  it('completes commands and subcommands', () => {
    expect(complete('repolish ')).toEqual(expect.arrayContaining(['scan', 'fix', 'clean', 'codemod', 'completion']));
    expect(complete('repolish co')).toEqual(['codemod', 'completion']);
    expect(complete('repolish codemod ')).toEqual(['list', 'run']);
  });

  it('completes options of the command typed so far', () => {
    expect(complete('repolish scan --f')).toEqual(['--fail-on', '--fail-on-bytes', '--format']); // issue 11 added --fail-on-bytes
    expect(complete('repolish fix --c')).toEqual(['--check', '--config']);
    expect(complete('repolish codemod run --b')).toEqual(['--branch']);
  });

  it('completes option values', () => {
    expect(complete('repolish scan --format ')).toEqual(['github', 'gitlab', 'html', 'json', 'markdown', 'sarif', 'text']);
    expect(complete('repolish scan --fail-on w')).toEqual(['warning']);
    expect(complete('repolish clean --include ')).toEqual(['cache', 'data', 'env', 'logs']);
    expect(complete('repolish completion ')).toEqual(['bash', 'fish', 'zsh']);
    if (name !== 'fish') expect(complete('repolish scan --output rep')).toEqual(['report.html']);
  });

  it('completes codemod names from `repolish codemod list`, and folders for paths', () => {
    expect(complete('repolish codemod run ')).toEqual(expect.arrayContaining(codemodNames));
    expect(complete('repolish codemod run ').filter((w) => w.startsWith('-'))).toEqual([]);
    expect(complete('repolish scan --format json my').map((w) => w.replace(/\/$/, ''))).toEqual(['myrepo']);
  });
});

describe('completion command', () => {
  it('rejects an unknown shell with exit 2', () => {
    const out = runCli(['completion', 'powershell']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/bash, zsh, fish/);
  });

  it('every script parses in its shell', () => {
    shell('bash', ['-n', scripts.bash]);
    shell('zsh', ['-n', scripts.zsh]);
    shell('fish', ['--no-execute', scripts.fish]);
  });
});
