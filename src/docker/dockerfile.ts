/**
 * Dockerfile / Containerfile / Podmanfile syntax: instructions with their exact offsets (so fixes
 * can edit them in place), line continuations (with the `# escape=` directive), comment lines
 * inside continuations, exec (JSON) and shell forms, flags, and heredocs (`RUN <<EOF`).
 */

export interface Instruction {
  /** Upper-cased keyword (`RUN`, `COPY`, ...). */
  keyword: string;
  /** 1-based line of the keyword, and of the instruction's last line (heredocs excluded). */
  line: number;
  endLine: number;
  /** Offsets into the file text: the keyword's start, and the end of the last line's content. */
  start: number;
  end: number;
  /** Offset where the arguments start (after the keyword and its whitespace). */
  argsStart: number;
  /** Arguments with continuations joined and comment lines removed (as Docker sees them). */
  args: string;
  /** Leading `--name=value` flags (`--from=builder`, `--mount=type=cache,...`). */
  flags: Record<string, string[]>;
  /** The arguments after the flags. */
  body: string;
  /** Offset in the file where `body` starts (only meaningful for single-segment arguments). */
  bodyStart: number;
  /** Exec form (`["a", "b"]`), parsed; undefined for the shell form. */
  exec?: string[];
  heredocs: Heredoc[];
  /** Whether the arguments span several lines (continuations). */
  multiline: boolean;
}

export interface Heredoc {
  name: string;
  content: string;
  /** 1-based line of the first content line. */
  line: number;
}

export interface Dockerfile {
  path: string;
  text: string;
  escape: string;
  eol: '\n' | '\r\n';
  instructions: Instruction[];
}

interface PhysicalLine {
  text: string;
  start: number;
  end: number;
  number: number;
}

function physicalLines(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let start = 0;
  let number = 1;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const rawEnd = nl < 0 ? text.length : nl;
    const end = rawEnd > start && text[rawEnd - 1] === '\r' ? rawEnd - 1 : rawEnd;
    lines.push({ text: text.slice(start, end), start, end, number });
    if (nl < 0) break;
    start = nl + 1;
    number++;
  }
  return lines;
}

/** Splits leading `--flag=value` / `--flag` words off the arguments. */
function splitFlags(args: string): { flags: Record<string, string[]>; body: string; consumed: number } {
  const flags: Record<string, string[]> = {};
  let rest = args;
  let consumed = 0;
  for (;;) {
    const m = /^(\s*)--([A-Za-z][\w-]*)(?:=("[^"]*"|'[^']*'|\S*))?(?=\s|$)/.exec(rest);
    if (!m) break;
    let value = m[3] ?? '';
    if (/^["']/.test(value)) value = value.slice(1, -1);
    (flags[m[2].toLowerCase()] ??= []).push(value);
    consumed += m[0].length;
    rest = rest.slice(m[0].length);
  }
  const lead = /^\s*/.exec(rest)![0].length;
  return { flags, body: rest.slice(lead), consumed: consumed + lead };
}

function parseExec(body: string): string[] | undefined {
  const trimmed = body.trim();
  if (!trimmed.startsWith('[')) return undefined;
  try {
    const value = JSON.parse(trimmed);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
  } catch {
    return undefined;
  }
}

export function parseDockerfile(path: string, input: string): Dockerfile {
  const text = input;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = physicalLines(text);
  let escape = '\\';
  // Parser directives: only at the very top, before any instruction, comment or blank line.
  for (const line of lines) {
    const m = /^#\s*([a-z]+)\s*=\s*(\S+)\s*$/i.exec(line.text);
    if (!m) break;
    if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) escape = m[2];
  }
  const instructions: Instruction[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = lines[i];
    const trimmed = first.text.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) {
      i++;
      continue;
    }
    const keywordMatch = /^([A-Za-z]+)(\s+|$)/.exec(trimmed);
    const lead = first.text.length - trimmed.length;
    if (!keywordMatch) {
      i++;
      continue;
    }
    const keyword = keywordMatch[1].toUpperCase();
    const argsStart = first.start + lead + keywordMatch[0].length;
    let args = '';
    let segment = text.slice(argsStart, first.end);
    let last = first;
    let lastIndex = i;
    let multiline = false;
    // Follow continuations: a line ending with the escape character continues on the next
    // non-comment line; comment lines and empty lines inside are dropped.
    for (;;) {
      const withoutTrailing = segment.replace(/[ \t]+$/, '');
      if (!withoutTrailing.endsWith(escape)) {
        args += segment;
        break;
      }
      args += withoutTrailing.slice(0, -1);
      let j = lastIndex + 1;
      while (j < lines.length && /^\s*#/.test(lines[j].text)) j++;
      if (j >= lines.length) break;
      last = lines[j];
      lastIndex = j;
      segment = last.text;
      multiline = true;
    }
    const { flags, body, consumed } = splitFlags(args);
    const instruction: Instruction = {
      keyword, line: first.number, endLine: last.number, start: first.start + lead, end: last.end, argsStart, args, flags, body,
      bodyStart: argsStart + consumed, exec: parseExec(body), heredocs: [], multiline,
    };
    i = lastIndex + 1;
    if (/^(RUN|COPY|ADD)$/.test(keyword) && !instruction.exec) {
      const markers = [...body.matchAll(/<<(-?)(["']?)([A-Za-z_][\w]*)\2/g)];
      for (const marker of markers) {
        const strip = marker[1] === '-';
        const name = marker[3];
        const contentLines: string[] = [];
        const startLine = i < lines.length ? lines[i].number : last.number + 1;
        while (i < lines.length) {
          const candidate = strip ? lines[i].text.replace(/^\t+/, '') : lines[i].text;
          i++;
          if (candidate === name) break;
          contentLines.push(candidate);
        }
        instruction.heredocs.push({ name, content: contentLines.join('\n'), line: startLine });
      }
    }
    instructions.push(instruction);
  }
  return { path, text, escape, eol, instructions };
}
