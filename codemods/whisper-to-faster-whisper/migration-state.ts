/**
 * What every step of one file's migration shares: the parsed file, the edits planned so far, what
 * blocks the migration (the file then stays as it is) and what the reader should check, the
 * options, and the names the migration adds (the result helper, new local names).
 */
import type { FileContextOf, ReviewNote, SourceFile } from '../../src/engine/types.js';
import { EditSet, freshName } from '../../src/python/edit.js';
import { pythonModule, type PythonModule } from '../../src/python/module.js';
import type { PyNode } from '../../src/python/tree.js';
import type { WhisperOptions } from './options.js';
import { resultHelperEdit } from './result-helper.js';
import type { FileData, FileMigration } from './types.js';

export class MigrationState implements FileMigration {
  readonly mod: PythonModule;
  readonly text: string;
  readonly edits: EditSet;
  readonly blockers: ReviewNote[] = [];
  readonly notes: ReviewNote[] = [];
  readonly taken = new Set<string>();
  readonly exports: FileData['exports'] = [];
  helperName: string | undefined;

  constructor(readonly file: SourceFile, readonly ctx: FileContextOf<WhisperOptions>) {
    this.mod = pythonModule(file);
    this.text = file.text;
    this.edits = new EditSet(this.text);
  }

  block(node: PyNode, message: string): void {
    this.blockers.push(this.mod.noteAt(node, message));
  }

  note(node: PyNode, message: string): void {
    this.notes.push(this.mod.noteAt(node, message));
  }

  get options(): WhisperOptions {
    return this.ctx.parsedOptions;
  }

  /** The name of the helper that builds openai-whisper's result dict; added once per file. */
  resultHelper(): string {
    if (this.helperName) return this.helperName;
    this.helperName = freshName(this.mod.analysis, '_whisper_result', this.taken);
    this.taken.add(this.helperName);
    this.edits.add(resultHelperEdit(this.mod, this.text, this.helperName, this.file.indent));
    return this.helperName;
  }

  private readonly allocated: Array<{ scope: PyNode; name: string; uses: readonly PyNode[] }> = [];

  /**
   * A new local name for a function (or module) scope, given where the new name will be read:
   * unused in that scope's code (anywhere in the file, at module level), and not clashing with a
   * name given to an enclosing or nested scope where one of them is read inside the other.
   */
  freshIn(base: string, scope: PyNode, uses: readonly PyNode[]): string {
    const isModule = scope.type === 'module';
    const clashes = (a: { scope: PyNode; uses: readonly PyNode[] }): boolean => {
      if (a.scope === scope) return true;
      if (scope.within(a.scope)) return a.uses.some((u) => u.within(scope));
      if (a.scope.within(scope)) return uses.some((u) => u.within(a.scope));
      return false;
    };
    const usedHere = (name: string): boolean => {
      if (isModule && (this.taken.has(name) || this.mod.analysis.module.bindings.has(name))) return true;
      if (this.allocated.some((a) => a.name === name && clashes(a))) return true;
      return this.mod.analysis.namesSpelled(name).some((ref) => isModule || ref.node.within(scope));
    };
    let name = base;
    for (let i = 2; usedHere(name) || this.helperName === name; i++) name = `${base}_${i}`;
    this.allocated.push({ scope, name, uses });
    return name;
  }

  /** Gives back a name from freshIn that was not used after all. */
  release(name: string, scope: PyNode): void {
    const i = this.allocated.findIndex((a) => a.name === name && a.scope === scope);
    if (i !== -1) this.allocated.splice(i, 1);
  }
}
