/**
 * faster_whisper's names in a migrated file: the local name each one gets (an existing import of
 * it, or an alias where the name is taken) and the import statements that replace whisper's.
 */
import { freshName, rewriteImport } from '../../src/python/edit.js';
import type { ImportedName } from '../../src/python/imports.js';
import type { Scope } from '../../src/python/scopes.js';
import type { PyNode } from '../../src/python/tree.js';
import type { MigrationState } from './migration-state.js';

export type FwName = 'WhisperModel' | 'decode_audio' | 'available_models';
const FW_ALIASES: Record<FwName, string> = { WhisperModel: 'FasterWhisperModel', decode_audio: 'fw_decode_audio', available_models: 'fw_available_models' };

export class FasterWhisperImports {
  private readonly locals = new Map<FwName, string>();
  private readonly needs = new Map<PyNode, Set<FwName>>();

  constructor(private readonly m: MigrationState) {}

  /** The local name for a faster_whisper export, reusing a module-level import of it. */
  local(name: FwName, forImport: ImportedName): string {
    let local = this.locals.get(name);
    if (!local) {
      const existing = this.m.mod.imports.names.find((i) => i.kind === 'from' && i.level === 0 && i.module === 'faster_whisper' && i.name === name && i.scope === this.m.mod.analysis.module);
      if (existing) local = existing.bound;
      else {
        const clash = this.m.mod.analysis.namesSpelled(name).length > 0;
        local = clash ? freshName(this.m.mod.analysis, FW_ALIASES[name], this.m.taken) : name;
      }
      this.m.taken.add(local);
      this.locals.set(name, local);
    }
    const existingImport = this.m.mod.imports.names.some((i) => i.kind === 'from' && i.module === 'faster_whisper' && i.name === name && i.bound === local && i.scope === this.m.mod.analysis.module);
    if (!existingImport) {
      let set = this.needs.get(forImport.statement);
      if (!set) this.needs.set(forImport.statement, (set = new Set()));
      set.add(name);
    }
    return local;
  }

  /** Each whisper import statement becomes the faster_whisper import of the names its uses need. */
  planImports(whisperImports: readonly ImportedName[]): void {
    const statements = new Map<PyNode, ImportedName[]>();
    for (const imp of whisperImports) {
      if (!statements.has(imp.statement)) statements.set(imp.statement, []);
      statements.get(imp.statement)!.push(imp);
    }
    const order: FwName[] = ['WhisperModel', 'decode_audio', 'available_models'];
    // A name already imported by an earlier statement of the same scope whose block encloses this
    // one is bound here already (`import whisper` and `from whisper import load_model` together).
    const emitted: Array<{ statement: PyNode; scope: Scope; names: Set<FwName> }> = [];
    const boundBefore = (statement: PyNode, scope: Scope, name: FwName): boolean => emitted.some((e) => e.scope === scope
      && e.statement.start < statement.start && e.names.has(name) && e.statement.parent !== null && statement.within(e.statement.parent));
    for (const [statement, imps] of [...statements].sort((a, b) => a[0].start - b[0].start)) {
      const scope = imps[0].scope;
      const wanted = order.filter((n) => this.needs.get(statement)?.has(n));
      emitted.push({ statement, scope, names: new Set(wanted) });
      const needed = wanted.filter((n) => !boundBefore(statement, scope, n));
      const names = needed.map((n) => (this.locals.get(n) === n ? n : `${n} as ${this.locals.get(n)}`));
      const add = names.length ? [`from faster_whisper import ${names.join(', ')}`] : [];
      this.m.edits.add(...rewriteImport(this.m.text, statement, imps.map((i) => i.node), add));
    }
  }
}
