/**
 * A one-line progress display on stderr for runs that take more than a moment: phase, files
 * walked, bytes. Only on a TTY (a pipe or a CI log gets nothing), never with --quiet, and only
 * after `delayMs`, so quick runs print nothing at all. The scan is synchronous, so the display is
 * driven by the calls it receives (throttled), not by a timer.
 */
import { formatBytes } from '../bloat/detector.js';

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface Progress {
  phase(name: string): void;
  walked(files: number, bytes: number): void;
  /** Extra counters for other long jobs (e.g. a codemod run: "files 120/900"). */
  counter(label: string, done: number, total?: number): void;
  /** Clears the line; call before printing anything else to the same stream. */
  done(): void;
}

export interface ProgressOptions {
  enabled?: boolean;
  delayMs?: number;
  intervalMs?: number;
  now?: () => number;
}

export const NO_PROGRESS: Progress = { phase() {}, walked() {}, counter() {}, done() {} };

export function createProgress(stream: ProgressStream, options: ProgressOptions = {}): Progress {
  const enabled = options.enabled ?? Boolean(stream.isTTY);
  if (!enabled) return NO_PROGRESS;
  const now = options.now ?? Date.now;
  const delayMs = options.delayMs ?? 400;
  const intervalMs = options.intervalMs ?? 100;
  const started = now();
  let lastDraw = 0;
  let drawn = false;
  let phase = '';
  let files = 0;
  let bytes = 0;
  let counter = '';

  const draw = (force = false): void => {
    const t = now();
    if (t - started < delayMs) return;
    if (!force && t - lastDraw < intervalMs) return;
    lastDraw = t;
    const parts = [`repolish: ${phase}`];
    if (files > 0) parts.push(`${files.toLocaleString('en-US')} files, ${formatBytes(bytes)}`);
    if (counter) parts.push(counter);
    // A terminal that reports 0 columns (script(1), some CI ptys) does not know its width.
    const columns = stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80;
    const width = Math.max(20, columns - 1);
    let line = parts.join('  ');
    if (line.length > width) line = `${line.slice(0, width - 1)}…`;
    stream.write(`\r\x1b[2K${line}`);
    drawn = true;
  };

  return {
    phase(name) {
      phase = name;
      counter = '';
      draw(true);
    },
    walked(f, b) {
      files = f;
      bytes = b;
      draw();
    },
    counter(label, done, total) {
      const count = total === undefined ? done.toLocaleString('en-US') : `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`;
      counter = label ? `${label} ${count}` : count;
      // The last step of a counted phase is always drawn, so the line ends on the full count.
      draw(total !== undefined && done >= total);
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
