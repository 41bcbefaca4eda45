/** Terminal styling: `--color auto` colours a TTY unless NO_COLOR is set and non-empty (no-color.org); always/never decide. */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  green(s: string): string;
}

const wrap = (code: number) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;
const plain = (s: string) => s;

export type ColorMode = 'auto' | 'always' | 'never';
export const COLOR_MODES: ColorMode[] = ['auto', 'always', 'never'];

/** Whether a report written to `stream` is coloured. */
export function usesColor(stream: { isTTY?: boolean }, mode: ColorMode = 'auto'): boolean {
  return mode === 'always' || (mode === 'auto' && Boolean(stream.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb');
}

export function styleFor(stream: { isTTY?: boolean }, mode: ColorMode = 'auto'): Style {
  return usesColor(stream, mode)
    ? { bold: wrap(1), dim: wrap(2), red: wrap(31), yellow: wrap(33), cyan: wrap(36), green: wrap(32) }
    : { bold: plain, dim: plain, red: plain, yellow: plain, cyan: plain, green: plain };
}

export const NO_STYLE: Style = styleFor({ isTTY: false });
