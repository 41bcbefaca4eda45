/** What a person at a terminal sees: counted progress phases, a 0-column pty, and HTML kept off the screen. */
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { gitEnv, makeRepo, removeDir } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/** Runs the CLI under script(1): a terminal on stdout and stderr, which reports 0 columns. */
function onTerminal(args: string, env: NodeJS.ProcessEnv = {}): { code: number; output: string } {
  const run = spawnSync('script', ['-qec', `'${process.execPath}' '${BIN}' ${args}`, '/dev/null'], {
    encoding: 'utf8', env: { ...gitEnv, TERM: 'xterm', NO_COLOR: '1', ...env },
  });
  return { code: run.status ?? -1, output: String(run.stdout) };
}

function pythonRepo(): string {
  const tree: Record<string, string> = { 'requirements.txt': 'flask\n' };
  for (let i = 0; i < 12; i++) tree[`pkg/mod${i}.py`] = `import os\nVALUE = ${i}\n`;
  const root = makeRepo(tree, Object.keys(tree));
  made.push(root);
  return root;
}

describe.runIf(hasScript)('scan on a terminal', () => {
  it('progress counts the files of the import phase and the rules, at full width on a 0-column pty', () => {
    const root = pythonRepo();
    const run = onTerminal(`scan '${root}' -f json -o /dev/null`, { REPOLISH_PROGRESS_DELAY_MS: '0' });
    expect(run.code).toBe(0);
    const lines = run.output.split(/\r\x1b\[2K/).map((l) => l.trim()).filter(Boolean);
    expect(lines.some((l) => /^repolish: reading Python imports  \d+ files, [\d.]+ \w?B  12\/12$/.test(l))).toBe(true);
    const rules = lines.filter((l) => /^repolish: rule \S+ \d+\/\d+  /.test(l));
    expect(rules.length).toBeGreaterThan(0);
    // 0 columns is an unknown width, not a 20-character line cut with an ellipsis.
    expect(lines.some((l) => l.endsWith('…'))).toBe(false);
  });

  it('scan -f html to a terminal refuses with a hint to use -o; to a file or pipe it writes the page', () => {
    const root = pythonRepo();
    const run = onTerminal(`scan -q '${root}' -f html`);
    expect(run.code).toBe(2);
    expect(run.output).not.toContain('<html');
    expect(run.output).toContain('-o report.html');
    const piped = spawnSync(process.execPath, [BIN, 'scan', '-q', root, '-f', 'html'], { encoding: 'utf8', env: gitEnv });
    expect(piped.status).toBe(0);
    expect(piped.stdout).toContain('<html');
  });
});
