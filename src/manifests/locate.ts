/** Finding the line of a value in a manifest whose parser does not report positions (TOML). */

export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Offset of the TOML table header `[a.b]` (quoted or bare keys, any spacing), or -1. */
export function tableOffset(text: string, keys: string[]): number {
  const key = keys.map((k) => `(?:${escapeRegExp(k)}|"${escapeRegExp(k)}"|'${escapeRegExp(k)}')`).join('\\s*\\.\\s*');
  const m = new RegExp(`^[ \\t]*\\[[ \\t]*${key}[ \\t]*\\]`, 'm').exec(text);
  return m ? m.index : -1;
}

/** Where a quoted string literal with this exact content occurs at or after `from`, or -1. */
export function stringLiteralOffset(text: string, value: string, from: number): number {
  for (const quote of ['"', "'"]) {
    const i = text.indexOf(`${quote}${value}${quote}`, Math.max(0, from));
    if (i >= 0) return i;
  }
  return -1;
}

/** Offset of a line `key = ...` (bare or quoted key, case-insensitive) at or after `from`, or -1. */
export function keyOffset(text: string, key: string, from: number): number {
  const re = new RegExp(`^[ \\t]*(?:${escapeRegExp(key)}|"${escapeRegExp(key)}"|'${escapeRegExp(key)}')[ \\t]*=`, 'gim');
  re.lastIndex = Math.max(0, from);
  const m = re.exec(text);
  return m ? m.index + m[0].length - m[0].trimStart().length : -1;
}

/** A cursor that hands out increasing offsets, so the same string twice maps to two lines. */
export class Locator {
  private used = new Set<number>();
  constructor(readonly text: string) {}

  /** Line of the first unused occurrence of a string literal after `from`; `fallback` line if none. */
  string(value: string, from: number, fallback: number): number {
    let start = from;
    for (;;) {
      const at = stringLiteralOffset(this.text, value, start);
      if (at < 0) return fallback;
      if (!this.used.has(at)) {
        this.used.add(at);
        return lineAt(this.text, at);
      }
      start = at + 1;
    }
  }

  key(key: string, from: number, fallback: number): number {
    const at = keyOffset(this.text, key, from);
    return at < 0 ? fallback : lineAt(this.text, at);
  }
}
