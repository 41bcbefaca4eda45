import { describe, expect, it } from 'vitest';
import { createProgress, type ProgressStream } from '../../src/report/progress.js';
import { scan } from '../../src/scan.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';

/** A terminal-like stream that keeps what was written; the clock is driven by the test. */
function terminal(isTTY = true, columns = 120): ProgressStream & { text: string } {
  return { isTTY, columns, text: '', write(s: string) { this.text += s; } };
}

describe('progress on stderr', () => {
  it('says nothing for a run shorter than the delay', () => {
    let now = 0;
    const stream = terminal();
    const progress = createProgress(stream, { now: () => now, delayMs: 400 });
    progress.phase('walking');
    now = 300;
    progress.walked(10, 1000);
    progress.done();
    expect(stream.text).toBe('');
  });

  it('after the delay, shows phase, files and human sizes on one line, throttled, and clears it', () => {
    let now = 0;
    const stream = terminal();
    const progress = createProgress(stream, { now: () => now, delayMs: 400, intervalMs: 100 });
    progress.phase('walking');
    now = 500;
    progress.walked(123_456, 7_200_000_000);
    expect(stream.text).toBe('\r\x1b[2Krepolish: walking  123,456 files, 7.2 GB');
    now = 550;
    progress.walked(123_999, 7_300_000_000); // within the interval: not drawn
    expect(stream.text.split('\r').length).toBe(2);
    now = 700;
    progress.phase('rule bloat/venv');
    expect(stream.text.endsWith('\r\x1b[2Krepolish: rule bloat/venv  123,999 files, 7.3 GB')).toBe(true);
    progress.counter('files', 12, 900);
    now = 900;
    progress.counter('files', 13, 900);
    expect(stream.text.endsWith('files 13/900')).toBe(true);
    progress.done();
    expect(stream.text.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('fits the terminal width', () => {
    let now = 1000;
    const stream = terminal(true, 60);
    const progress = createProgress(stream, { now: () => now, delayMs: 0 });
    progress.phase(`rule ${'x'.repeat(200)}`);
    const line = stream.text.split('\r\x1b[2K').at(-1)!;
    expect(line.length).toBeLessThanOrEqual(59);
    expect(line.endsWith('…')).toBe(true);
    now++;
  });

  it('is off when stderr is not a terminal', () => {
    const stream = terminal(false);
    const progress = createProgress(stream, { now: () => 10_000, delayMs: 0 });
    progress.phase('walking');
    progress.walked(1, 1);
    progress.done();
    expect(stream.text).toBe('');
  });

  it('the scan reports its phases and the walk its running totals', () => {
    const root = makeRepo({ 'a.py': 'x\n', 'b/c.py': 'yy\n', 'b/d/e.log': 'zzz\n' }, ['a.py']);
    const phases: string[] = [];
    const walked: [number, number][] = [];
    scan(root, { progress: { phase: (p) => phases.push(p), walked: (f, b) => walked.push([f, b]) } });
    expect(phases.slice(0, 2)).toEqual(['walking', 'classifying']);
    expect(phases.some((p) => p.startsWith('rule bloat/'))).toBe(true);
    expect(walked.at(-1)).toEqual([3, 9]);
  });

  it('a piped scan writes no progress escape codes', () => {
    const root = makeRepo({ 'a.py': 'x\n' }, ['a.py']);
    const out = runCli(['scan', root]);
    expect(out.stderr).not.toContain('\x1b');
    expect(out.stdout).not.toContain('\x1b');
  });
});
