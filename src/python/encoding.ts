/** The PEP 263 encoding declaration of a Python file (a comment on line 1 or 2), lower case. */
export function declaredEncoding(raw: Buffer): string | undefined {
  const head = raw.subarray(0, 400).toString('latin1').split(/\r?\n/, 2);
  for (const line of head) {
    const m = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(line);
    if (m) return m[1].toLowerCase().replace(/_/g, '-');
  }
  return undefined;
}
