/**
 * Enough POSIX shell to read the commands of a RUN instruction: words (quotes, escapes, `$(...)`),
 * control operators (`&&`, `||`, `;`, `|`, `&`, newlines, subshell parentheses), leading variable
 * assignments, and the file offset of every word so that a fix can insert text beside one.
 */

export interface Word {
  /** The word with quotes removed and escapes resolved. */
  value: string;
  /** Offsets into the text given to `parseShell` (plus its base); -1 when unknown. */
  start: number;
  end: number;
}

export interface ShellCommand {
  /** Variable assignments before the command name (`PIP_NO_CACHE_DIR=1 pip install`). */
  assignments: Record<string, string>;
  /** The command name and its arguments, wrappers (`sudo`, `exec`, `env`, ...) removed. */
  words: Word[];
  start: number;
  end: number;
}

const WRAPPERS = new Set(['sudo', 'exec', 'time', 'nohup', 'command', 'eval', 'xargs', 'nice', 'stdbuf', 'gosu', 'su-exec', 'tini', 'dumb-init']);

/**
 * Parses shell text. `base` is the offset of `text` in the file (-1: offsets unknown, e.g. heredocs).
 * `escape` is the Dockerfile escape character: escape + newline is a continuation, and comment
 * lines right after one are skipped, as Docker does before the shell sees the text.
 */
export function parseShell(text: string, base = 0, escape = '\\'): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: Word[] = [];
  let i = 0;
  const at = (offset: number) => (base < 0 ? -1 : base + offset);

  const finish = () => {
    if (words.length === 0) return;
    const assignments: Record<string, string> = {};
    let k = 0;
    for (;;) {
      while (k < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k].value)) {
        const eq = words[k].value.indexOf('=');
        assignments[words[k].value.slice(0, eq)] = words[k].value.slice(eq + 1);
        k++;
      }
      if (k < words.length && WRAPPERS.has(words[k].value)) {
        k++;
        while (k < words.length && words[k].value.startsWith('-')) k++; // wrapper options (sudo -E)
        continue;
      }
      if (k < words.length && words[k].value === 'env') {
        k++;
        while (k < words.length && words[k].value.startsWith('-')) k++;
        continue;
      }
      break;
    }
    const rest = words.slice(k);
    if (rest.length > 0 || Object.keys(assignments).length > 0) {
      commands.push({ assignments, words: rest, start: words[0].start, end: words[words.length - 1].end });
    }
    words = [];
  };

  const skipContinuation = (): boolean => {
    // escape + newline (optionally \r\n): a continuation; drop comment lines right after it.
    if (text[i] !== escape) return false;
    let j = i + 1;
    while (text[j] === ' ' || text[j] === '\t') j++;
    if (text[j] === '\r') j++;
    if (text[j] !== '\n' && j < text.length) return false;
    i = j + 1;
    for (;;) {
      const m = /^[ \t]*#[^\n]*\n/.exec(text.slice(i));
      if (!m) break;
      i += m[0].length;
    }
    return true;
  };

  while (i < text.length) {
    const c = text[i];
    if (skipContinuation()) continue;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\n' || c === ';' || c === '(' || c === ')' || c === '{' && /[\s;]/.test(text[i + 1] ?? ' ') || c === '}' && words.length === 0) {
      finish();
      i++;
      continue;
    }
    if (c === '&' || c === '|') {
      finish();
      i += text[i + 1] === c ? 2 : 1;
      continue;
    }
    if (c === '#' ) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    // A word.
    const start = i;
    let value = '';
    while (i < text.length) {
      const ch = text[i];
      if (skipContinuation()) continue;
      if (/[\s;&|()]/.test(ch)) break;
      if (ch === "'") {
        const close = text.indexOf("'", i + 1);
        const end = close < 0 ? text.length : close;
        value += text.slice(i + 1, end);
        i = end + 1;
      } else if (ch === '"') {
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < text.length && /["\\$`\n]/.test(text[i + 1])) {
            if (text[i + 1] !== '\n') value += text[i + 1];
            i += 2;
          } else {
            value += text[i];
            i++;
          }
        }
        i++;
      } else if (ch === '\\' && i + 1 < text.length) {
        value += text[i + 1];
        i += 2;
      } else if (ch === '$' && text[i + 1] === '(') {
        // Command substitution: kept verbatim, nesting respected.
        let depth = 0;
        const s = i;
        do {
          if (text[i] === '(') depth++;
          else if (text[i] === ')') depth--;
          i++;
        } while (i < text.length && depth > 0);
        value += text.slice(s, i);
      } else if (ch === '`') {
        const close = text.indexOf('`', i + 1);
        const end = close < 0 ? text.length : close + 1;
        value += text.slice(i, end);
        i = end;
      } else {
        value += ch;
        i++;
      }
    }
    words.push({ value, start: at(start), end: at(i) });
  }
  finish();
  return commands;
}

/** The command name without its directory (`/opt/venv/bin/pip` -> `pip`). */
export function commandName(command: ShellCommand): string {
  const first = command.words[0]?.value ?? '';
  return first.slice(first.lastIndexOf('/') + 1);
}
