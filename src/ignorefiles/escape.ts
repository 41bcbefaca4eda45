/**
 * Literal file names as ignore-file patterns. A name is data, never syntax: each writer escapes
 * what its format would read as a glob, a comment, a negation or trimmed whitespace, and a name
 * that no line can hold (a line break would split it into several patterns) is never written.
 */

/** True when no single ignore-file line can express `path`: a line feed or carriage return in it. */
export function inexpressibleName(path: string): boolean {
  return /[\r\n]/.test(path);
}

/** `path` quoted for a message: control characters and line breaks shown as escapes. */
export function quoteName(path: string): string {
  return JSON.stringify(path);
}

/** The warning for a name that is left out of an ignore file. */
export function inexpressibleMessage(ignoreFile: string): string {
  return `not added to ${ignoreFile}: the name has a line break, which no ignore pattern can express; rename it`;
}

/**
 * A literal piece of a `.gitignore` pattern (git's wildmatch rules): `\`, `*`, `?` and `[` are
 * escaped; a leading `#` (comment) or `!` (negation) too; trailing spaces, which git strips, are
 * kept by escaping them. `atLineStart` is false for a piece that follows a `/` in the pattern.
 */
export function escapeGitignore(literal: string, atLineStart = true): string {
  let out = literal.replace(/[\\*?[]/g, (c) => `\\${c}`);
  if (atLineStart && /^[#!]/.test(out)) out = `\\${out}`;
  return out.replace(/ +$/, (spaces) => spaces.replace(/ /g, '\\ '));
}

/**
 * A literal piece of a `.dockerignore` pattern (Docker's rules: Go's filepath.Match with `\` as
 * escape, `#` comments, a leading `!` negates, whitespace around each line is trimmed). Every
 * ASCII punctuation that a glob or Docker's glob-to-regexp translation could read as syntax is
 * escaped (a backslash before punctuation is a literal in filepath.Match and in both regexp
 * dialects); whitespace at either end, which Docker trims, is kept inside a one-character class.
 */
export function escapeDockerignore(literal: string): string {
  const out = literal.replace(/[\\*?[\]^$|+(){}#!]/g, (c) => `\\${c}`);
  const wrap = (ws: string) => [...ws].map((c) => `[${c}]`).join('');
  return out.replace(/^\s+/, wrap).replace(/\s+$/, wrap);
}

/** A root-relative literal path for `.dockerignore`, escaped segment by segment. */
export function escapeDockerignorePath(path: string): string {
  return path.split('/').map(escapeDockerignore).join('/');
}
