/**
 * Python syntax trees for analysis. tree-sitter parses; the native tree is then copied once into
 * plain JavaScript objects (PyNode), because analysis visits every node several times and each
 * native property access crosses into C++ and allocates. Offsets are indices into the JavaScript
 * string that was parsed (UTF-16 code units): node tree-sitter reports exactly these for string
 * input, so `source.slice(node.start, node.end)` is the node's text, also after non-ASCII text.
 */
import { createRequire } from 'node:module';
import type ParserType from 'tree-sitter';
import { PythonTooComplexError, pythonParseRefusal, treeSizeRefusal } from './parse-limits.js';

const require = createRequire(import.meta.url);
const Parser = require('tree-sitter') as typeof ParserType;
const PythonLanguage = require('tree-sitter-python') as ParserType.Language;

export type NativeTree = ParserType.Tree;

let parser: ParserType | undefined;
const typeNames: string[] = [];
const typeNamed: boolean[] = [];
const fieldNames: string[] = [];

/**
 * Parses Python source with tree-sitter (one parser per thread: module state is per worker).
 * Throws PythonTooComplexError for a text beyond the limits of parse-limits.ts (tree-sitter would
 * abort the process, or the tree would cost minutes): check `pythonParseRefusal` first to skip
 * such a file with a warning.
 */
export function parseNative(source: string): NativeTree {
  const refusal = pythonParseRefusal(source);
  if (refusal) throw new PythonTooComplexError(refusal);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(PythonLanguage);
  }
  // The whole text in one read: the binding's buffer counts UTF-16 code units (one more for the
  // terminating NUL it writes), so a buffer of twice the length only cost allocation and zeroing.
  const tree = parser.parse(source, null, { bufferSize: Math.min(source.length + 1, 8 * 1024 * 1024) });
  const tooBig = treeSizeRefusal(tree.rootNode.descendantCount);
  if (tooBig) throw new PythonTooComplexError(tooBig);
  return tree;
}

/** Node types tree-sitter places anywhere (extras): not part of the statement structure. */
const EXTRAS = new Set(['comment', 'line_continuation']);

export class PyNode {
  readonly children: PyNode[] = [];
  private namedCache: PyNode[] | undefined;

  constructor(
    readonly tree: PyTree,
    readonly id: number,
    readonly type: string,
    readonly start: number,
    readonly end: number,
    /** The field this node fills in its parent (`function`, `arguments`, `left`...), or null. */
    readonly field: string | null,
    readonly named: boolean,
    readonly missing: boolean,
    readonly parent: PyNode | null,
  ) {}

  get text(): string {
    return this.tree.source.slice(this.start, this.end);
  }

  /** Named children without comments and line continuations. */
  get namedChildren(): PyNode[] {
    if (!this.namedCache) this.namedCache = this.children.filter((c) => c.named && !EXTRAS.has(c.type));
    return this.namedCache;
  }

  /** The first child in `field`. */
  get(field: string): PyNode | undefined {
    for (const c of this.children) if (c.field === field) return c;
    return undefined;
  }

  /** Every child in `field`. */
  all(field: string): PyNode[] {
    return this.children.filter((c) => c.field === field);
  }

  /** 1-based line and column (in characters) of the node's start. */
  get line(): number {
    return this.tree.lines.position(this.start).line;
  }

  /** The nearest ancestor (not the node itself) of one of these types. */
  ancestor(...types: string[]): PyNode | undefined {
    for (let n = this.parent; n; n = n.parent) if (types.includes(n.type)) return n;
    return undefined;
  }

  /** Whether this node lies inside `other` (or is it). */
  within(other: PyNode): boolean {
    return this.start >= other.start && this.end <= other.end && this.tree === other.tree;
  }

  /** Depth-first, pre-order, this node first. */
  *walk(): Generator<PyNode> {
    const stack: PyNode[] = [this];
    while (stack.length) {
      const n = stack.pop()!;
      yield n;
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
  }

  /** Descendants (and this node) of the given types, in source order. */
  find(...types: string[]): PyNode[] {
    const out: PyNode[] = [];
    const visit = (n: PyNode): void => {
      if (types.includes(n.type)) out.push(n);
      for (const c of n.children) visit(c);
    };
    visit(this);
    return out;
  }

  toString(): string {
    return `${this.type}@${this.start}-${this.end}`;
  }
}

/** Line starts of a text, for offset -> (line, column) lookups. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** 1-based line and 1-based column counted in Unicode characters (what editors show). */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = this.starts[lo];
    const column = [...this.text.slice(lineStart, offset)].length + 1;
    return { line: lo + 1, column };
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))];
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

export class PyTree {
  readonly root: PyNode;
  readonly lines: LineIndex;
  /** Whether tree-sitter found a syntax error anywhere. */
  readonly hasError: boolean;
  private count = 0;

  constructor(readonly source: string, native?: NativeTree) {
    const tree = native ?? parseNative(source);
    this.lines = new LineIndex(source);
    this.hasError = tree.rootNode.hasError;
    this.root = this.copy(tree);
  }

  private copy(tree: NativeTree): PyNode {
    // Type and field names are looked up by numeric id: one native string per kind, not per node.
    const c = tree.walk();
    const root = new PyNode(this, this.count++, c.nodeType, c.startIndex, c.endIndex, null, true, false, null);
    if (!c.gotoFirstChild()) return root;
    let parent = root;
    for (;;) {
      const typeId = c.nodeTypeId;
      let type = typeNames[typeId];
      if (type === undefined) {
        type = typeNames[typeId] = c.nodeType;
        typeNamed[typeId] = c.nodeIsNamed;
      }
      const fieldId = c.currentFieldId;
      let field: string | null = null;
      if (fieldId) field = fieldNames[fieldId] ??= c.currentFieldName;
      // Missing nodes only occur in trees with errors, which are never edited.
      const missing = this.hasError ? c.nodeIsMissing : false;
      const node = new PyNode(this, this.count++, type, c.startIndex, c.endIndex, field, typeNamed[typeId], missing, parent);
      parent.children.push(node);
      if (c.gotoFirstChild()) { parent = node; continue; }
      while (!c.gotoNextSibling()) {
        if (!c.gotoParent() || !parent.parent) return root;
        parent = parent.parent;
      }
    }
  }

  /** The innermost node covering [start, end). */
  nodeAt(start: number, end = start): PyNode {
    let node = this.root;
    for (;;) {
      const next = node.children.find((c) => c.start <= start && end <= c.end && !(c.start === c.end));
      if (!next) return node;
      node = next;
    }
  }
}

/** The first syntax error (an ERROR or MISSING node), for messages: 1-based line and column. */
export function firstSyntaxError(tree: PyTree): { line: number; column: number; message: string } | undefined {
  if (!tree.hasError) return undefined;
  for (const n of tree.root.walk()) {
    if (n.type === 'ERROR' || n.missing) {
      const pos = tree.lines.position(n.start);
      return { ...pos, message: n.missing ? `missing ${n.type}` : 'invalid syntax' };
    }
  }
  return { line: 1, column: 1, message: 'invalid syntax' };
}

export function parsePython(source: string): PyTree {
  return new PyTree(source);
}
