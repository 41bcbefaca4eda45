/** Files that hold secrets: `.env` files (not their templates) and private keys, by content. */
import type { BloatIndex } from '../model/bloat.js';
import type { RepoFacts } from '../model/facts.js';
import { joinPath, type DirNode, type FileNode } from '../model/tree.js';

// `.envrc` (direnv) exports the same secrets a `.env` holds.
const ENV_FILE = /^\.env(rc)?(\.[\w.-]+)?$|^[\w.-]+\.env$/;
const TEMPLATE = /(example|sample|template|dist|defaults?|tpl)$/i;
const KEY_FILE = /\.(pem|key|p12|pfx)$|^id_(rsa|dsa|ecdsa|ed25519)$/;

export interface SecretFile {
  path: string;
  file: FileNode;
  kind: 'env' | 'key';
}

function isPrivateKey(facts: RepoFacts, path: string, name: string): boolean {
  if (/\.(p12|pfx)$/.test(name)) return true;
  const head = facts.readHead(path, 4096).toString('latin1');
  return /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(head);
}

const found = new WeakMap<BloatIndex, { facts: RepoFacts; files: SecretFile[] }>();

/**
 * The secret files outside virtualenvs and node_modules, in the walk's order. Three rules ask for
 * them on the same scan: the tree (200k files) is searched once per bloat index, the folders of a
 * virtualenv or node_modules not at all (nothing below a claimed folder is another bloat item).
 */
export function findSecretFiles(facts: RepoFacts, bloat: BloatIndex): SecretFile[] {
  const known = found.get(bloat);
  if (known?.facts === facts) return known.files;
  const files: SecretFile[] = [];
  const stack: DirNode[] = [facts.tree];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    // A virtualenv's test keys are not the project's secrets.
    const rule = bloat.containing(dir.path)?.rule;
    if ((dir.path !== '' && rule === 'bloat/venv') || rule === 'bloat/node-modules') continue;
    for (const file of dir.files) {
      if (file.kind !== 'file') continue;
      if (ENV_FILE.test(file.name) && !TEMPLATE.test(file.name)) files.push({ path: joinPath(dir.path, file.name), file, kind: 'env' });
      else if (KEY_FILE.test(file.name)) {
        const path = joinPath(dir.path, file.name);
        if (isPrivateKey(facts, path, file.name)) files.push({ path, file, kind: 'key' });
      }
    }
    for (let i = dir.dirs.length - 1; i >= 0; i--) stack.push(dir.dirs[i]);
  }
  found.set(bloat, { facts, files });
  return files;
}
