/**
 * Templates and other text (HTML, Jinja, Markdown, CSS, .env files, YAML, TOML, JSON): every line
 * that mentions Ollama is reported with file and line. With templates=remove, HTML elements whose
 * id names Ollama are removed (whole lines when they fill them), unless the element's content
 * opens or closes a Jinja block it does not also close or open.
 */
import type { ReviewNote, SourceFile, TransformResult } from '../../src/engine/types.js';
import { lineStart, nextLineStart } from '../../src/text/lines.js';
import { EditPlan } from './edit-plan.js';
import { MENTION, namedForOllama } from './names.js';
import { fileType, type FileType } from './references.js';

export interface MarkupOptions {
  templates: 'report' | 'remove';
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

interface Tag {
  name: string;
  start: number;
  end: number;
  closing: boolean;
  selfClosing: boolean;
  id?: string;
}

/** Start and end tags of an HTML/Jinja text, outside comments, Jinja tags, scripts and styles. */
export function scanTags(text: string): Tag[] {
  const tags: Tag[] = [];
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const jinja = text.indexOf('{', i);
    if (lt === -1 && jinja === -1) break;
    if (jinja !== -1 && (lt === -1 || jinja < lt)) {
      const kind = text[jinja + 1];
      const close = kind === '{' ? '}}' : kind === '%' ? '%}' : kind === '#' ? '#}' : undefined;
      if (!close) { i = jinja + 1; continue; }
      const e = text.indexOf(close, jinja + 2);
      i = e === -1 ? text.length : e + 2;
      continue;
    }
    if (text.startsWith('<!--', lt)) {
      const e = text.indexOf('-->', lt + 4);
      i = e === -1 ? text.length : e + 3;
      continue;
    }
    const m = /^<(\/?)([a-zA-Z][\w:-]*)((?:[^>"'{]|"[^"]*"|'[^']*'|\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{)*?)(\/?)>/.exec(text.slice(lt));
    if (!m) { i = lt + 1; continue; }
    const name = m[2].toLowerCase();
    const id = /(?:^|\s)id\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(m[3]);
    const tag: Tag = { name, start: lt, end: lt + m[0].length, closing: m[1] === '/', selfClosing: m[4] === '/' || VOID.has(name), id: id ? (id[1] ?? id[2] ?? id[3]) : undefined };
    tags.push(tag);
    i = tag.end;
    if (!tag.closing && (name === 'script' || name === 'style')) {
      const e = text.toLowerCase().indexOf(`</${name}`, i);
      i = e === -1 ? text.length : e;
    }
  }
  return tags;
}

/** The end of the element opened by `tags[index]` (after its end tag), or undefined when unbalanced. */
function elementEnd(tags: Tag[], index: number): number | undefined {
  const open = tags[index];
  if (open.selfClosing) return open.end;
  let depth = 0;
  for (let j = index; j < tags.length; j++) {
    const t = tags[j];
    if (t.name !== open.name || t.selfClosing) continue;
    depth += t.closing ? -1 : 1;
    if (depth === 0) return t.end;
  }
  return undefined;
}

/** Whether the Jinja blocks inside a range balance (nothing opened or closed across its edges). */
function jinjaBalanced(text: string): boolean {
  let depth = 0;
  for (const m of text.matchAll(/\{%-?\s*(\w+)/g)) {
    const word = m[1];
    if (/^(if|for|block|macro|call|filter|with|raw|set\b(?=[^=]*%\}))$/.test(word) && word !== 'set') depth++;
    else if (/^end\w+$/.test(word)) depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}

const SECRET_TYPES = new Set<FileType>(['env']);

function describe(type: FileType, line: string): string {
  const t = line.trim();
  const short = t.length > 60 ? `${t.slice(0, 57)}...` : t;
  switch (type) {
    case 'html': case 'template': return `template mentions Ollama: ${short}`;
    case 'css': return `style rule for Ollama UI: ${short}`;
    case 'markdown': case 'text': return `documentation mentions Ollama: ${short}`;
    case 'env': {
      const key = /^\s*(?:export\s+)?([A-Za-z_][\w.]*)\s*=/.exec(line)?.[1];
      if (t.startsWith('#')) return 'comment mentions Ollama';
      return key ? `setting ${key} mentions Ollama (value not shown): remove or change it by hand` : 'setting mentions Ollama';
    }
    case 'requirements': return `requirement file mentions Ollama: ${short}`;
    case 'docker': case 'shell': return `mentions Ollama: ${short}`;
    default: return `configuration mentions Ollama: ${short}`;
  }
}

export function transformMarkup(file: SourceFile, options: MarkupOptions): Omit<TransformResult, 'data'> {
  const type = fileType(file.path);
  const text = file.text;
  const markup = type === 'html' || type === 'template';
  const elements: Array<{ start: number; end: number; id: string; removable: boolean }> = [];
  if (markup) {
    const tags = scanTags(text);
    tags.forEach((t, i) => {
      if (t.closing || !t.id || !namedForOllama(t.id)) return;
      const end = elementEnd(tags, i);
      if (end === undefined) return;
      elements.push({ start: t.start, end, id: t.id, removable: jinjaBalanced(text.slice(t.start, end)) });
    });
  }
  if (options.templates === 'remove' && elements.length > 0) {
    const plan = new EditPlan(text);
    for (const e of elements) {
      if (!e.removable || plan.covered(e.start, e.end)) continue;
      const ls = lineStart(text, e.start);
      const nl = nextLineStart(text, e.end);
      const lineEnd = nl > e.end && text[nl - 1] === '\n' ? nl - 1 : nl;
      const alone = /^[ \t]*$/.test(text.slice(ls, e.start)) && /^[ \t]*\r?$/.test(text.slice(e.end, lineEnd));
      if (!alone) { plan.add({ start: e.start, end: e.end, text: '' }); continue; }
      // A blank line on both sides: one of them goes too.
      const blankBefore = ls > 0 && /^[ \t]*\r?$/.test(text.slice(lineStart(text, ls - 1), ls - 1));
      const after = text.slice(nl, nextLineStart(text, nl));
      const blankAfter = nl < text.length && /^[ \t]*\r?\n?$/.test(after);
      plan.add({ start: ls, end: blankBefore && blankAfter ? nl + after.length : nl, text: '' });
    }
    const edits = plan.list();
    if (edits.length > 0) return { edits };
  }
  const notes: ReviewNote[] = [];
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    MENTION.lastIndex = 0;
    const m = MENTION.exec(lines[i]);
    if (m) {
      const at = offset + m.index;
      const element = elements.filter((e) => e.start <= at && at < e.end).sort((a, b) => (a.end - a.start) - (b.end - b.start))[0];
      let message: string;
      if (element && !element.removable) message = `Ollama UI (element #${element.id}) spans Jinja blocks it does not close: remove it by hand`;
      else if (element && options.templates !== 'remove') message = `Ollama UI (element #${element.id}): remove it with --option templates=remove, or by hand`;
      else message = SECRET_TYPES.has(type) ? describe(type, lines[i]) : describe(type, lines[i]);
      notes.push({ line: i + 1, column: [...lines[i].slice(0, m.index)].length + 1, message });
    }
    offset += lines[i].length + 1;
  }
  MENTION.lastIndex = 0;
  return { review: notes };
}
