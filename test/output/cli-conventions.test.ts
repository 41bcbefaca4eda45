/** CLI conventions: one-line usage errors with "did you mean" and where help is; --color and NO_COLOR. */
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { gitEnv, makeRepo, removeDir } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

describe('CLI conventions', () => {
  it('a usage error is one line with a suggestion and the help to read, not a help dump', () => {
    for (const [args, expected] of [
      [['scan', '--formt', 'json'], "repolish: unknown option '--formt' (Did you mean --format?); see `repolish scan --help`"],
      [['scna'], "repolish: unknown command 'scna' (Did you mean scan?); see `repolish --help`"],
      [['fix', '--wirte'], "repolish: unknown option '--wirte' (Did you mean --write?); see `repolish fix --help`"],
    ] as const) {
      const run = runCli([...args]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`${expected}\n`);
    }
    const value = runCli(['scan', '-f', 'jsn']);
    expect(value.code).toBe(2);
    expect(value.stderr.trim().split('\n')).toHaveLength(1);
    expect(value.stderr).toContain('(did you mean "json"?)');
  });

  it('--color always|never|auto, and NO_COLOR only when it is not empty', () => {
    const root = makeRepo({ 'app.py': 'print(1)\n', 'run.log': 'x\n' }, ['app.py']);
    made.push(root);
    const ESC = '\x1b[';
    const env = (extra: Record<string, string | undefined>) => {
      const e: NodeJS.ProcessEnv = { ...gitEnv, ...extra };
      for (const [k, v] of Object.entries(extra)) if (v === undefined) delete e[k];
      return e;
    };
    expect(runCli(['scan', root, '--color', 'always'], { env: env({ NO_COLOR: undefined }) }).stdout).toContain(ESC);
    // always wins over NO_COLOR: the user asked for it on the command line.
    expect(runCli(['scan', root, '--color', 'always'], { env: env({ NO_COLOR: '1' }) }).stdout).toContain(ESC);
    expect(runCli(['scan', root, '--color', 'never'], { env: env({ NO_COLOR: undefined }) }).stdout).not.toContain(ESC);
    // auto: stdout is a pipe here, so no colour either way.
    expect(runCli(['scan', root], { env: env({ NO_COLOR: '' }) }).stdout).not.toContain(ESC);
    const bad = runCli(['scan', root, '--color', 'sometimes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--color must be one of auto, always, never');
  });

  it('NO_COLOR set but empty does not turn colour off on a terminal (script(1) gives the CLI a TTY)', () => {
    const root = makeRepo({ 'app.py': 'print(1)\n', 'run.log': 'x\n' }, ['app.py']);
    made.push(root);
    const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
    if (probe.status !== 0) return; // util-linux script is not installed
    const tty = (noColor: string) => spawnSync('script', ['-qec', `node bin/repolish.js scan -q '${root}'`, '/dev/null'], {
      encoding: 'utf8', env: { ...gitEnv, NO_COLOR: noColor, TERM: 'xterm' },
    }).stdout;
    // -q: no progress line (it has its own escapes); bold is the report's colour.
    expect(tty('')).toContain('\x1b[1m');
    expect(tty('1')).not.toContain('\x1b[1m');
  });
});
