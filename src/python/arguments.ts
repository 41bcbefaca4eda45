/**
 * Call arguments: reading them (positional, keyword, `*args`, `**kwargs`) and editing them one
 * by one, so comments and line layout inside the call survive. Removed arguments take their
 * comma; added arguments follow the call's layout (one per line when the call is written so).
 */
import type { Edit } from '../text/edit.js';
import { indentationAt, lineEnd, lineStart, removeListItems } from './edit.js';
import type { PyNode } from './tree.js';

export interface Argument {
  node: PyNode;
  kind: 'positional' | 'keyword' | 'splat' | 'double-splat';
  /** Keyword name. */
  name?: string;
  /** The value expression (the node itself for positional arguments). */
  value: PyNode;
  /** 0-based position among positional arguments. */
  index?: number;
}

export function callArguments(call: PyNode): Argument[] {
  const list = call.get('arguments');
  if (!list || list.type !== 'argument_list') return [];
  const out: Argument[] = [];
  let index = 0;
  for (const c of list.namedChildren) {
    if (c.type === 'keyword_argument') {
      out.push({ node: c, kind: 'keyword', name: c.get('name')?.text, value: c.get('value') ?? c });
    } else if (c.type === 'list_splat') {
      out.push({ node: c, kind: 'splat', value: c.namedChildren[0] ?? c });
    } else if (c.type === 'dictionary_splat') {
      out.push({ node: c, kind: 'double-splat', value: c.namedChildren[0] ?? c });
    } else {
      out.push({ node: c, kind: 'positional', value: c, index: index++ });
    }
  }
  return out;
}

export function keywordArgument(args: readonly Argument[], name: string): Argument | undefined {
  return args.find((a) => a.kind === 'keyword' && a.name === name);
}

/** Plans edits to one call's arguments. */
export class ArgumentEditor {
  private readonly args: Argument[];
  private readonly removed = new Set<PyNode>();
  private readonly replaced = new Map<PyNode, string>();
  /** Parts of arguments (a keyword's name, or its value) replaced on their own. */
  private readonly parts: Edit[] = [];
  private readonly added: string[] = [];

  constructor(private readonly source: string, readonly call: PyNode) {
    this.args = callArguments(call);
  }

  get arguments(): readonly Argument[] {
    return this.args;
  }

  remove(arg: Argument): void {
    this.removed.add(arg.node);
  }

  /** Replaces a whole argument (e.g. `name=value` for a positional one). */
  replaceArgument(arg: Argument, text: string): void {
    this.replaced.set(arg.node, text);
  }

  /** Renames a keyword argument; its value is untouched (edits inside it still apply). */
  rename(arg: Argument, name: string): void {
    const nameNode = arg.node.get('name');
    if (nameNode) this.parts.push({ start: nameNode.start, end: nameNode.end, text: name });
  }

  /** Replaces an argument's value (a keyword keeps its name). */
  setValue(arg: Argument, text: string): void {
    this.parts.push({ start: arg.value.start, end: arg.value.end, text });
  }

  add(text: string): void {
    this.added.push(text);
  }

  get changed(): boolean {
    return this.removed.size > 0 || this.replaced.size > 0 || this.parts.length > 0 || this.added.length > 0;
  }

  edits(): Edit[] {
    const edits: Edit[] = [];
    const nodes = this.args.map((a) => a.node);
    for (const [node, text] of this.replaced) if (!this.removed.has(node)) edits.push({ start: node.start, end: node.end, text });
    for (const part of this.parts) {
      const owner = this.args.find((a) => a.node.start <= part.start && part.end <= a.node.end)?.node;
      if (owner && !this.removed.has(owner) && !this.replaced.has(owner)) edits.push(part);
    }
    const kept = nodes.filter((n) => !this.removed.has(n));
    if (kept.length === 0 && nodes.length > 0) {
      // Every argument goes: empty the parentheses (the new arguments, if any, go in their place).
      const list = this.call.get('arguments')!;
      edits.push({ start: list.start + 1, end: list.end - 1, text: this.added.join(', ') });
      return edits;
    }
    edits.push(...removeListItems(this.source, nodes, this.removed));
    if (this.added.length) {
      const last = kept.at(-1);
      const list = this.call.get('arguments')!;
      if (!last) {
        edits.push({ start: list.start + 1, end: list.start + 1, text: this.added.join(', ') });
      } else if (this.source.slice(list.start, last.start).includes('\n') && /^[ \t]*$/.test(this.source.slice(lineStart(this.source, last.start), last.start))
        && /^[ \t]*,?[ \t]*(#.*)?$/.test(this.source.slice(last.end, lineEnd(this.source, last.end)))) {
        // One argument per line: new lines after the last argument's line (its comment stays with it).
        const indent = indentationAt(this.source, last.start);
        const comma = /^[ \t]*,/.test(this.source.slice(last.end));
        const endOfLine = lineEnd(this.source, last.end);
        if (!comma) edits.push({ start: last.end, end: last.end, text: ',' });
        const lines = this.added.map((a, i) => `\n${indent}${a}${comma || i < this.added.length - 1 ? ',' : ''}`).join('');
        edits.push({ start: endOfLine, end: endOfLine, text: lines });
      } else {
        edits.push({ start: last.end, end: last.end, text: this.added.map((a) => `, ${a}`).join('') });
      }
    }
    return edits;
  }
}
