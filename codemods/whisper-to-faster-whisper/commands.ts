/**
 * Python run from a command line: `python -c "import whisper; whisper.load_model('base')"` in a
 * container file or script (the usual model pre-download step of an image build), and other
 * inline Python that imports whisper. Such a line is a use of openai-whisper just as a .py file
 * is: when the requirement becomes faster-whisper, a pre-download written in the simple form is
 * rewritten to download faster-whisper's model; any other inline Python keeps openai-whisper.
 */
import type { Edit } from '../../src/engine/types.js';
import { lineStart, positionOf } from '../../src/text/lines.js';
import { MODEL_NAMES } from './api.js';

export interface InlinePython {
  path: string;
  line: number;
  column: number;
  /** The edits that make it load faster-whisper's model, when it is a plain pre-download. */
  edits?: Edit[];
  /** Why it cannot be rewritten. */
  reason?: string;
}

// `python`, `python3`, `python3.11`, `uv run python`, ... then `-c` and a quoted program.
const PYTHON_C = /\bpython(?:3(?:\.\d+)?)?[ \t]+(?:-[a-zA-Z]+[ \t]+)*?-c[ \t]+(["'])((?:\\[\s\S]|(?!\1)[\s\S])*?)\1/g;
const IMPORTS_WHISPER = /(?:^|[;\s(])(?:import[ \t]+whisper\b(?![.\w])|from[ \t]+whisper(?:\.\w+)*[ \t]+import\b)/;

/**
 * The rewrite of one inline program (statements separated by `;` or new lines), or why not:
 * only `import whisper` / `from whisper import load_model`, `[name =] [whisper.]load_model("size")`
 * and statements that do not mention whisper are understood.
 */
function rewriteProgram(code: string, start: number, quote: string): { edits: Edit[] } | { reason: string } {
  const edits: Edit[] = [];
  // Docker joins `\`-continued lines before the shell sees them: they separate nothing here.
  const statements = [...code.matchAll(/[^;\n]+/g)];
  let loads = 0;
  for (const m of statements) {
    const raw = m[0];
    const s = raw.replace(/\\\s*$/, '').trim();
    const at = start + m.index! + raw.indexOf(s);
    if (s === '' || s === '\\') continue;
    if (s === 'import whisper' || /^from whisper import load_model$/.test(s)) {
      edits.push({ start: at, end: at + s.length, text: 'from faster_whisper import WhisperModel' });
      continue;
    }
    const load = /^(?:\w+[ \t]*=[ \t]*)?((?:whisper\.)?load_model)\([ \t]*(["'])([^"'\\]+)\2[ \t]*\)$/.exec(s);
    if (load) {
      const name = load[3];
      if (!MODEL_NAMES.has(name) && !/^\$\{?\w+\}?$/.test(name)) return { reason: `"${name}" is not an openai-whisper model size` };
      if (load[2] === quote) return { reason: 'the model name is quoted like the program' };
      const fnAt = at + s.indexOf(load[1]);
      edits.push({ start: fnAt, end: fnAt + load[1].length, text: 'WhisperModel' });
      loads++;
      continue;
    }
    if (/whisper|load_model/.test(s)) return { reason: `\`${s.slice(0, 60)}\` uses openai-whisper in a way the codemod does not rewrite` };
  }
  if (loads === 0) return { reason: 'it imports whisper without loading a model' };
  return { edits };
}

/** Every inline Python program that imports whisper in these files. */
export function inlinePythonUses(files: Array<{ path: string; text: string }>): InlinePython[] {
  const out: InlinePython[] = [];
  for (const { path, text } of files) {
    if (!/whisper/.test(text)) continue;
    const covered: Array<[number, number]> = [];
    for (const m of text.matchAll(PYTHON_C)) {
      const code = m[2];
      if (!IMPORTS_WHISPER.test(code)) continue;
      const codeStart = m.index! + m[0].length - 1 - code.length;
      covered.push([m.index!, m.index! + m[0].length]);
      if (/^[ \t]*#/.test(text.slice(lineStart(text, m.index!), m.index!))) continue;
      const result = rewriteProgram(code, codeStart, m[1]);
      out.push({ path, ...positionOf(text, m.index!), ...('edits' in result ? { edits: result.edits } : { reason: result.reason }) });
    }
    // Inline Python in other forms (a heredoc, an exec-form RUN ["python", "-c", ...]).
    let offset = 0;
    for (const line of text.split('\n')) {
      const at = offset;
      offset += line.length + 1;
      if (/^\s*#/.test(line) || !IMPORTS_WHISPER.test(line)) continue;
      if (covered.some(([a, b]) => at < b && at + line.length > a)) continue;
      out.push({ path, ...positionOf(text, at + line.search(/\S/)), reason: 'inline Python here imports whisper' });
    }
  }
  return out;
}
