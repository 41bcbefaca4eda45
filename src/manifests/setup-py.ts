/**
 * setup.py: the literal lists given to `setup(install_requires=[...], extras_require={...})`.
 * Lists built at run time (read from a file, computed) are not guessed at: the requirement
 * files they read are manifests of their own.
 */
import { parsePythonSource, stringValue, type SyntaxNode } from '../python/python-source.js';
import { pythonParseRefusal } from '../python/parse-limits.js';
import { normalizeName, parseRequirement } from './requirement.js';
import type { Manifest } from './types.js';

export function parseSetupPy(path: string, text: string): Manifest {
  const manifest: Manifest = { path, kind: 'setup.py', dependencies: [], includes: [], constraints: [], problems: [] };
  if (!/\bsetup\s*\(/.test(text)) return manifest;
  const refusal = pythonParseRefusal(text);
  if (refusal) {
    manifest.problems.push({ line: 1, message: `setup.py not read: ${refusal}` });
    return manifest;
  }
  const tree = parsePythonSource(text);
  for (const call of tree.rootNode.descendantsOfType('call')) {
    const fn = call.childForFieldName('function');
    if (!fn || !/(^|\.)setup$/.test(fn.text)) continue;
    const args = call.childForFieldName('arguments');
    for (const arg of args?.namedChildren ?? []) {
      if (arg.type !== 'keyword_argument') continue;
      const key = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (!value) continue;
      if (key === 'name') {
        const name = stringValue(value);
        if (name) manifest.projectName = normalizeName(name);
      } else if (key === 'install_requires') addList(manifest, value, 'main');
      else if (key === 'setup_requires') addList(manifest, value, 'build');
      else if (key === 'extras_require' && value.type === 'dictionary') {
        for (const pair of value.namedChildren) {
          if (pair.type !== 'pair') continue;
          const extra = stringValue(pair.childForFieldName('key'));
          const list = pair.childForFieldName('value');
          if (extra !== undefined && list) addList(manifest, list, `extra:${normalizeName(extra)}`);
        }
      }
    }
  }
  return manifest;
}

function addList(manifest: Manifest, list: SyntaxNode, group: string): void {
  if (list.type !== 'list' && list.type !== 'tuple') return;
  for (const item of list.namedChildren) {
    const value = stringValue(item);
    const line = item.startPosition.row + 1;
    if (value === undefined) continue;
    const req = parseRequirement(value);
    if (!req) manifest.problems.push({ line, message: `cannot read requirement: ${value}` });
    else manifest.dependencies.push({ ...req, manifest: manifest.path, line, group });
  }
}
