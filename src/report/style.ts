/** Terminal styling: colour only on a TTY and never with NO_COLOR. */
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

export function styleFor(stream: { isTTY?: boolean }): Style {
  const color = Boolean(stream.isTTY) && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
  return color
    ? { bold: wrap(1), dim: wrap(2), red: wrap(31), yellow: wrap(33), cyan: wrap(36), green: wrap(32) }
    : { bold: plain, dim: plain, red: plain, yellow: plain, cyan: plain, green: plain };
}

export const NO_STYLE: Style = styleFor({ isTTY: false });
