/** A Python source file ready for analysis: its tree, scopes and imports, built once per file. */
import type { ReviewNote, SourceFile } from '../engine/types.js';
import { collectImports, type FileImports } from './imports.js';
import { analyzeScopes, type ScopeAnalysis } from './scopes.js';
import { PyTree, type PyNode } from './tree.js';

export interface PythonModule {
  source: string;
  tree: PyTree;
  analysis: ScopeAnalysis;
  imports: FileImports;
  /** A review note at a node's start. */
  noteAt(node: PyNode, message: string): ReviewNote;
}

const cache = new WeakMap<SourceFile, PythonModule>();

export function pythonModule(file: SourceFile): PythonModule {
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
