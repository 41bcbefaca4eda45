/** A Python source file ready for analysis: its tree, scopes and imports, built once per file. */
import { collectImports, type FileImports } from './imports.js';
import { analyzeScopes, type ScopeAnalysis } from './scopes.js';
import { PyTree, type NativeTree, type PyNode } from './tree.js';

/** The file as the codemod engine hands it over (its `SourceFile`): the text and, parsed once, its tree. */
export interface PythonSource {
  readonly text: string;
  readonly tree?: NativeTree;
}

/** Something found and left alone, at a 1-based line and column (the engine's `ReviewNote`). */
export interface PythonNote {
  line: number;
  column: number;
  message: string;
}

export interface PythonModule {
  source: string;
  tree: PyTree;
  analysis: ScopeAnalysis;
  imports: FileImports;
  /** A review note at a node's start. */
  noteAt(node: PyNode, message: string): PythonNote;
}

const cache = new WeakMap<PythonSource, PythonModule>();

export function pythonModule(file: PythonSource): PythonModule {
  let mod = cache.get(file);
  if (mod) return mod;
  const tree = new PyTree(file.text, file.tree);
  const analysis = analyzeScopes(tree);
  const imports = collectImports(analysis);
  mod = {
    source: file.text,
    tree,
    analysis,
    imports,
    noteAt(node, message) {
      return { ...tree.lines.position(node.start), message };
    },
  };
  cache.set(file, mod);
  return mod;
}
