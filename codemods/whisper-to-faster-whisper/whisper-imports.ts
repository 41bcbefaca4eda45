/**
 * openai-whisper's imports in a file: the statements that import it (also dynamically, and with
 * `*`), where they are (for the project-level step), and a project module that would shadow it.
 */
import { callArguments } from '../../src/python/arguments.js';
import type { ImportedName } from '../../src/python/imports.js';
import { stringValue } from '../../src/python/literals.js';
import type { PythonModule } from '../../src/python/module.js';
import type { PyNode } from '../../src/python/tree.js';
import type { MigrationState } from './migration-state.js';
import type { ImportSite } from './types.js';

const fileSets = new WeakMap<readonly string[], Set<string>>();

/** The project's file list as a set, built once per run (not once per file). */
function fileSet(files: readonly string[]): Set<string> {
  let set = fileSets.get(files);
  if (!set) fileSets.set(files, (set = new Set(files)));
  return set;
}

export function isWhisperModule(imp: ImportedName): boolean {
  return imp.level === 0 && (imp.target === 'whisper' || imp.target.startsWith('whisper.'));
}

/** `from whisper import *` statements (absolute imports of whisper or a submodule). */
export function whisperStars(mod: PythonModule): PythonModule['imports']['stars'] {
  return mod.imports.stars.filter((s) => s.level === 0 && (s.module === 'whisper' || s.module.startsWith('whisper.')));
}

/** Where the file imports openai-whisper, for the project-level step. */
export function importSites(mod: PythonModule, whisperImports: readonly ImportedName[]): ImportSite[] {
  const out: ImportSite[] = [];
  const seen = new Set<PyNode>();
  for (const imp of whisperImports) {
    if (seen.has(imp.statement)) continue;
    seen.add(imp.statement);
    out.push({ ...mod.tree.lines.position(imp.statement.start), text: imp.statement.text.split('\n')[0] });
  }
  for (const s of whisperStars(mod)) {
    out.push({ ...mod.tree.lines.position(s.statement.start), text: s.statement.text.split('\n')[0] });
  }
  for (const d of dynamicImports(mod)) out.push({ ...mod.tree.lines.position(d.start), text: d.text.split('\n')[0] });
  return out.sort((a, b) => a.line - b.line);
}

/** `importlib.import_module("whisper")` and `__import__("whisper")`. */
export function dynamicImports(mod: PythonModule): PyNode[] {
  const out: PyNode[] = [];
  for (const call of mod.tree.root.find('call')) {
    const fn = call.get('function')?.text;
    if (fn !== '__import__' && fn !== 'importlib.import_module' && fn !== 'import_module') continue;
    const first = callArguments(call)[0];
    const name = stringValue(first?.value);
    if (name === 'whisper' || name?.startsWith('whisper.')) out.push(call);
  }
  return out;
}

/** A project `whisper.py` or `whisper/` package next to the file or at the root shadows the library. */
export function checkLocalWhisperModule(m: MigrationState, whisperImports: readonly ImportedName[]): void {
  const dir = m.file.path.includes('/') ? m.file.path.slice(0, m.file.path.lastIndexOf('/') + 1) : '';
  const candidates = new Set([`${dir}whisper.py`, `${dir}whisper/__init__.py`, 'whisper.py', 'whisper/__init__.py', 'src/whisper.py', 'src/whisper/__init__.py']);
  const files = fileSet(m.ctx.project.files);
  for (const c of candidates) {
    if (files.has(c)) {
      m.block(whisperImports[0]?.statement ?? m.mod.tree.root, `the project has its own ${c}, so \`import whisper\` may import it rather than openai-whisper`);
      return;
    }
  }
}
