/**
 * The mechanical half of reading a hunk: split a unified diff into hunks, and find the names a
 * hunk removes (definitions and imports) so that the harness can look for what still uses them.
 * The other half, whether the hunk is right, is a person's verdict.
 */

export interface Hunk {
  path: string;
  /** Status of the file in the patch. */
  status: 'modified' | 'added' | 'deleted';
  /** The `@@ -a,b +c,d @@` line. */
  header: string;
  /** First changed line in the original file (1-based): what a verdict row names. */
  line: number;
  removed: string[];
  added: string[];
  /** The hunk as printed, header included. */
  text: string;
}

function unquote(path: string): string {
  if (!path.startsWith('"')) return path;
  // Git's C quoting: octal escapes of UTF-8 bytes.
  const body = path.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') { bytes.push(...Buffer.from(c, 'utf8')); continue; }
    const next = body[++i];
    if (/[0-7]/.test(next)) { bytes.push(parseInt(body.slice(i, i + 3), 8)); i += 2; }
    else bytes.push(({ n: 10, t: 9, '"': 34, '\\': 92 } as Record<string, number>)[next] ?? next.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

export function splitHunks(patch: string): Hunk[] {
  const hunks: Hunk[] = [];
  let path = '';
  let status: Hunk['status'] = 'modified';
  let current: Hunk | undefined;
  let oldLine = 0;
  for (const line of patch.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = undefined;
      status = 'modified';
      const m = /^diff --git (?:"a\/|a\/)(.*?)"? (?:"b\/|b\/)/.exec(line);
      path = m ? unquote(line.includes(' "a/') ? `"${m[1]}"` : m[1]) : line;
      continue;
    }
    if (line.startsWith('new file mode')) { status = 'added'; continue; }
    if (line.startsWith('deleted file mode')) { status = 'deleted'; continue; }
    if (line === 'GIT binary patch' || /^Binary files .* differ$/.test(line)) {
      // A file git cannot show as text (UTF-16, say) still changed: one hunk at line 0, so the
      // sheet lists it for a reader instead of hiding the edit; its base85 body is not shown.
      hunks.push({ path, status, header: line, line: 0, removed: [], added: [], text: line });
      current = undefined;
      continue;
    }
    const header = /^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@/.exec(line);
    if (header) {
      oldLine = Number(header[1]);
      current = { path, status, header: line, line: 0, removed: [], added: [], text: line };
      hunks.push(current);
      continue;
    }
    if (!current || line.startsWith('--- ') || line.startsWith('+++ ')) continue;
    if (line.startsWith('-') || line.startsWith('+')) {
      if (current.line === 0) current.line = Math.max(1, oldLine);
      (line.startsWith('-') ? current.removed : current.added).push(line.slice(1));
      if (line.startsWith('-')) oldLine++;
    } else if (line.startsWith(' ')) {
      oldLine++;
    } else if (line.startsWith('\\') || line === '') {
      // "\ No newline at end of file", or the patch's final newline
    } else {
      continue;
    }
    current.text += `\n${line}`;
  }
  return hunks;
}

const PY_DEFINITION = /^\s*(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)/;
const PY_ASSIGNMENT = /^([A-Za-z_]\w*)\s*(?::[^=]*)?=(?!=)/;
const JS_DEFINITION = /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:function\*?|class|const|let|var)\s+([A-Za-z_$][\w$]*)/;

/** Names a hunk's removed lines define or import, that its added lines do not define again. */
export function removedNames(hunk: Hunk): string[] {
  const isPython = hunk.path.endsWith('.py');
  const isJs = /\.(m|c)?[jt]sx?$/.test(hunk.path);
  const collect = (lines: string[]): Set<string> => {
    const names = new Set<string>();
    for (const line of lines) {
      if (isPython) {
        const def = PY_DEFINITION.exec(line) ?? PY_ASSIGNMENT.exec(line); // assignments at module level only
        if (def) names.add(def[1]);
        const from = /^\s*from\s+\S+\s+import\s+\(?([^#)]*)/.exec(line);
        const plain = /^\s*import\s+([^#]*)/.exec(line);
        for (const part of (from?.[1] ?? plain?.[1] ?? '').split(',')) {
          const alias = /(?:^|\s)as\s+([A-Za-z_]\w*)/.exec(part);
          const name = alias ? alias[1] : part.trim().split('.')[0];
          if (/^[A-Za-z_]\w*$/.test(name)) names.add(name);
        }
      } else if (isJs) {
        const def = JS_DEFINITION.exec(line);
        if (def) names.add(def[1]);
      }
    }
    return names;
  };
  const again = collect(hunk.added);
  return [...collect(hunk.removed)].filter((name) => !again.has(name));
}
