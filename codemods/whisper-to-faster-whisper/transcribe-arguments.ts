/**
 * transcribe() arguments from openai-whisper's meaning to faster-whisper's: renamed, removed where
 * they had no effect, mapped (language names to codes, suppress_tokens strings to lists, greedy
 * decoding made explicit), and blocked where the meaning differs.
 */
import { ArgumentEditor, type Argument } from '../../src/python/arguments.js';
import { constantValue, pyString, stringValue } from '../../src/python/literals.js';
import { languageCode, RENAMED_TRANSCRIBE_ARGS, SAME_TRANSCRIBE_ARGS } from './api.js';
import type { MigrationState } from './migration-state.js';
import { constantString } from './module-constants.js';
import { unwrapParens } from './parens.js';
import type { TranscribeSite } from './types.js';

/** A transcribe call's arguments as faster-whisper's (and `whisper.transcribe(model, ...)` as `model.transcribe(...)`). */
export function planTranscribeArguments(m: MigrationState, site: TranscribeSite): void {
  const args = new ArgumentEditor(m.text, site.call);
  const positionalAudio = site.style === 'function' ? 1 : 0;
  let hasBeam = false;
  let hasBestOf = false;
  let temperatureZero = false;
  for (const a of args.arguments) {
    if (site.style === 'function' && a.value === site.model) { args.remove(a); continue; }
    if (a.kind === 'splat' || a.kind === 'double-splat') { m.block(a.node, `transcribe options passed through \`${a.node.text}\` cannot be mapped`); continue; }
    if (a.kind === 'positional') {
      if (a.index !== positionalAudio) m.block(a.node, 'unexpected positional argument to transcribe');
      continue;
    }
    const name = a.name!;
    const value = unwrapParens(a.value);
    switch (name) {
      case 'fp16':
        args.remove(a);
        continue;
      case 'verbose':
        args.remove(a);
        if (constantValue(value) !== false && constantValue(value) !== null) {
          m.note(a.node, 'verbose printed each segment in openai-whisper; faster-whisper prints nothing (removed): print inside the loop over segments if the output is needed');
        }
        continue;
      case 'prompt':
        args.remove(a);
        m.note(a.node, 'prompt had no effect in openai-whisper\'s transcribe (it sets the prompt for every window itself), so it was removed; pass initial_prompt= to give a prompt');
        continue;
      case 'prefix':
        m.block(a.node, 'prefix applies to every 30-second window in openai-whisper but only to the first in faster-whisper');
        continue;
      case 'carry_initial_prompt':
        if (constantValue(value) === false) args.remove(a);
        else m.block(a.node, 'carry_initial_prompt has no faster-whisper equivalent');
        continue;
      case 'length_penalty':
        if (constantValue(value) === null) args.remove(a);
        else m.block(a.node, 'length_penalty means a length-normalization alpha in openai-whisper and an exponential penalty in faster-whisper');
        continue;
      case 'suppress_tokens': {
        const s = stringValue(value);
        if (s !== undefined) {
          const ids = s.split(',').map((t) => t.trim()).filter(Boolean);
          if (ids.every((t) => /^-?\d+$/.test(t))) args.setValue(a, `[${ids.map((t) => String(Number(t))).join(', ')}]`);
          else m.block(a.node, 'suppress_tokens is not a comma-separated list of token ids');
        } else if (!['list', 'tuple', 'none'].includes(value.type)) {
          m.block(a.node, 'suppress_tokens is not a literal; faster-whisper needs a list of token ids, openai-whisper also took a comma-separated string');
        }
        continue;
      }
      case 'beam_size':
        hasBeam = true;
        if (value.type === 'none') args.setValue(a, '1');
        continue;
      case 'best_of':
        hasBestOf = true;
        if (value.type === 'none') args.setValue(a, '1');
        continue;
      case 'patience':
        if (value.type === 'none') args.remove(a);
        continue;
      case 'language':
        planLanguage(m, args, a, site);
        continue;
      case 'temperature':
        temperatureZero = value.type === 'integer' || value.type === 'float' ? Number(value.text) === 0 : false;
        continue;
      default:
        if (name in RENAMED_TRANSCRIBE_ARGS) { args.rename(a, RENAMED_TRANSCRIBE_ARGS[name]); continue; }
        if (SAME_TRANSCRIBE_ARGS.has(name) || (site.style === 'function' && name === 'model')) continue;
        m.block(a.node, `transcribe argument ${name} has no faster-whisper equivalent`);
    }
  }
  if (m.options.decoding !== 'library') {
    // openai-whisper's Python API decodes greedily unless told otherwise; faster-whisper uses beam 5.
    if (!hasBeam) args.add('beam_size=1');
    if (!hasBestOf && !temperatureZero) args.add('best_of=1');
  }
  if (site.style === 'function') {
    const fn = site.call.get('function')!;
    m.edits.replace(fn, `${m.edits.render(site.model)}.transcribe`);
  }
  m.edits.add(...args.edits());
}

/**
 * openai-whisper takes a language code or name in any case ("Spanish", "EN"); faster-whisper
 * only a lower-case code and raises ValueError for anything else. Literals (and module
 * constants) are mapped; any other expression gets a note.
 */
function planLanguage(m: MigrationState, args: ArgumentEditor, a: Argument, site: TranscribeSite): void {
  const value = unwrapParens(a.value);
  if (value.type === 'none') return;
  const given = constantString(m.mod.analysis, value);
  if (given === undefined) {
    m.note(a.value, `check that \`${a.value.text}\` holds a language code ("es"), not a name ("Spanish") or an upper-case code: openai-whisper accepted both, faster-whisper raises ValueError`);
    return;
  }
  const code = languageCode(given);
  if (code === undefined || code === given) return;
  const quote = /^[a-zA-Z]*'/.test(value.text) ? "'" : '"';
  args.setValue(a, pyString(code, quote));
  site.languageAs = given;
  if (value.type !== 'string') m.note(a.value, `\`${a.value.text}\` is "${given}", which faster-whisper does not accept: passed as "${code}" here; update the constant if other code reads it`);
}
