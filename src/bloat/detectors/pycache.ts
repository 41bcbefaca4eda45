import { extensionOf, type BloatDetector } from '../detector.js';

const BYTECODE = new Set(['pyc', 'pyo']);

/** `__pycache__` folders of bytecode, and stray `.pyc` files: Python rewrites them on import. */
export const pycache: BloatDetector = {
  rule: 'bloat/pycache',
  clean: 'cache',
  summary: 'Python bytecode (__pycache__/, *.pyc)',
  matchDir(dir) {
    if (dir.name !== '__pycache__') return undefined;
    const onlyBytecode = dir.dirs.length === 0 && dir.files.every((f) => BYTECODE.has(extensionOf(f.name)));
    return onlyBytecode ? { description: `Python bytecode cache, ${dir.fileCount} file${dir.fileCount === 1 ? '' : 's'}` } : undefined;
  },
  matchFile(file, path, _dir, { facts }) {
    if (!BYTECODE.has(extensionOf(file.name)) || file.kind !== 'file') return undefined;
    // CPython bytecode starts with a 2-byte version magic followed by \r\n.
    const head = facts.readHead(path, 4);
    return head.length === 4 && head[2] === 0x0d && head[3] === 0x0a ? { description: 'Python bytecode file' } : undefined;
  },
};
