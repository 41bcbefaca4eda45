/** Conditions of provider switches, under "the provider is never Ollama". */
import { isOllamaValue } from '../names.js';
import { literalValue } from './nodes.js';
import { Node, SyntaxKind } from './ts-morph.js';

/** A condition's value: always true or false, or the expression left (`changed` when parts of it went). */
export type Truth = { kind: 'const'; value: boolean } | { kind: 'expr'; text: string; changed: boolean };

/** Conditions under "the provider is never Ollama", as in the Python transform. */
export function evaluate(node: Node, render: (n: Node) => string, atoms: Node[]): Truth {
  if (Node.isParenthesizedExpression(node)) {
    const t = evaluate(node.getExpression(), render, atoms);
    if (t.kind === 'const') return t;
    return t.changed ? { kind: 'expr', text: `(${t.text})`, changed: true } : { kind: 'expr', text: render(node), changed: false };
  }
  if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.ExclamationToken) {
    const t = evaluate(node.getOperand(), render, atoms);
    if (t.kind === 'const') return { kind: 'const', value: !t.value };
    return t.changed ? { kind: 'expr', text: `!${t.text}`, changed: true } : { kind: 'expr', text: render(node), changed: false };
  }
  if (Node.isBinaryExpression(node)) {
    const op = node.getOperatorToken().getKind();
    const left = node.getLeft();
    const right = node.getRight();
    if (op === SyntaxKind.EqualsEqualsEqualsToken || op === SyntaxKind.EqualsEqualsToken || op === SyntaxKind.ExclamationEqualsEqualsToken || op === SyntaxKind.ExclamationEqualsToken) {
      const l = literalValue(left);
      const r = literalValue(right);
      if ((l !== undefined && isOllamaValue(l)) || (r !== undefined && isOllamaValue(r))) {
        atoms.push(node);
        return { kind: 'const', value: op === SyntaxKind.ExclamationEqualsEqualsToken || op === SyntaxKind.ExclamationEqualsToken };
      }
    }
    if (op === SyntaxKind.AmpersandAmpersandToken || op === SyntaxKind.BarBarToken) {
      const isAnd = op === SyntaxKind.AmpersandAmpersandToken;
      const l = evaluate(left, render, atoms);
      const r = evaluate(right, render, atoms);
      if (l.kind === 'const' && l.value === !isAnd) return l;
      if (r.kind === 'const' && r.value === !isAnd) return r;
      if (l.kind === 'const') return r;
      if (r.kind === 'const') return l;
      if (!l.changed && !r.changed) return { kind: 'expr', text: render(node), changed: false };
      return { kind: 'expr', text: `${l.text} ${isAnd ? '&&' : '||'} ${r.text}`, changed: true };
    }
  }
  if (Node.isCallExpression(node)) {
    const callee = node.getExpression();
    const arg = node.getArguments()[0];
    const v = arg ? literalValue(arg) : undefined;
    if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'startsWith' && v !== undefined && /^ollama/i.test(v)) {
      atoms.push(node);
      return { kind: 'const', value: false };
    }
  }
  const text = render(node);
  return { kind: 'expr', text, changed: text !== node.getText() };
}
