/** Files that hold secrets: `.env` files (not their templates) and private keys, by content. */
import type { BloatIndex } from '../model/bloat.js';
import type { RepoFacts } from '../model/facts.js';
import { iterateDirs, joinPath, type FileNode } from '../model/tree.js';

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

export function findSecretFiles(facts: RepoFacts, bloat: BloatIndex): SecretFile[] {
  const found: SecretFile[] = [];
  for (const dir of iterateDirs(facts.tree)) {
    // A virtualenv's test keys are not the project's secrets.
    if (dir.path !== '' && bloat.containing(dir.path)?.rule === 'bloat/venv') continue;
    if (bloat.containing(dir.path)?.rule === 'bloat/node-modules') continue;
    for (const file of dir.files) {
      if (file.kind !== 'file') continue;
      const path = joinPath(dir.path, file.name);
      if (ENV_FILE.test(file.name) && !TEMPLATE.test(file.name)) found.push({ path, file, kind: 'env' });
      else if (KEY_FILE.test(file.name) && isPrivateKey(facts, path, file.name)) found.push({ path, file, kind: 'key' });
    }
  }
  return found;
}
