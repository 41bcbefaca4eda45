/**
 * The helper a file gets where a transcribe result escapes: it builds openai-whisper's result dict
 * from faster-whisper's segments and info, and goes after the module's leading imports.
 */
import type { Edit } from '../../src/engine/types.js';
import { lineEnd } from '../../src/python/edit.js';
import type { PythonModule } from '../../src/python/module.js';
import type { PyNode } from '../../src/python/tree.js';

/** The insertion of the helper function `name`, indented by `i`, into the module's text. */
export function resultHelperEdit(mod: PythonModule, text: string, name: string, i: string): Edit {
  const body = [
    `def ${name}(segments, info):`,
    `${i}"""openai-whisper's result dict, built from faster-whisper's segments and info (added by repolish)."""`,
    `${i}segments = [`,
    `${i}${i}{`,
    `${i}${i}${i}"id": s.id - 1,`,
    `${i}${i}${i}"seek": s.seek,`,
    `${i}${i}${i}"start": s.start,`,
    `${i}${i}${i}"end": s.end,`,
    `${i}${i}${i}"text": s.text,`,
    `${i}${i}${i}"tokens": s.tokens,`,
    `${i}${i}${i}"temperature": s.temperature,`,
    `${i}${i}${i}"avg_logprob": s.avg_logprob,`,
    `${i}${i}${i}"compression_ratio": s.compression_ratio,`,
    `${i}${i}${i}"no_speech_prob": s.no_speech_prob,`,
    `${i}${i}${i}**({"words": [{"word": w.word, "start": w.start, "end": w.end, "probability": w.probability} for w in s.words]}`,
    `${i}${i}${i}${i}if s.words is not None else {}),`,
    `${i}${i}}`,
    `${i}${i}for s in segments`,
    `${i}]`,
    `${i}return {"text": "".join(s["text"] for s in segments), "segments": segments, "language": info.language}`,
  ];
  // After the module's leading imports (the whisper import's replacement included), before any code.
  const top = mod.tree.root.namedChildren;
  let anchor: PyNode | undefined;
  for (const s of top) {
    if (s.type === 'comment') continue;
    if (s.type === 'import_statement' || s.type === 'import_from_statement' || s.type === 'future_import_statement') { anchor = s; continue; }
    if (!anchor && s.type === 'expression_statement' && s.namedChildren[0]?.type === 'string' && s === top.find((t) => t.type !== 'comment')) { anchor = s; continue; }
    if (s.type === 'try_statement' && !anchor) { anchor = s; continue; }
    break;
  }
  if (anchor) {
    const at = lineEnd(text, anchor.end);
    const rest = text.slice(at);
    const newlines = (/^(?:\r?\n)*/.exec(rest)![0].match(/\n/g) ?? []).length;
    const extra = rest.length === 0 ? 0 : Math.max(0, 3 - newlines);
    return { start: at, end: at, text: `\n\n\n${body.join('\n')}${'\n'.repeat(extra)}` };
  } else {
    const first = top.find((t) => t.type !== 'comment');
    const at = first ? first.start : text.length;
    return { start: at, end: at, text: `${body.join('\n')}\n\n\n` };
  }
}
