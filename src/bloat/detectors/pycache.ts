import { extensionOf, type BloatDetector } from '../detector.js';

const BYTECODE = new Set(['pyc', 'pyo']);

/** `__pycache__` folders of bytecode, and stray `.pyc` files: Python rewrites them on import. */
export const pycache: BloatDetector = {
  rule: 'bloat/pycache',
  clean: 'cache',
  summary: 'Python bytecode (__pycache__/, *.pyc)',
  severity: 'info',
  title: 'Python bytecode cache',
  docs: {
    what: '`__pycache__/` folders and `*.pyc` files that Python writes next to the sources.',
    why: 'Bytecode is regenerated on import; committed or copied into images it only adds noise and stale files.',
    fix: 'Ignore it (`fix`) and delete it with `clean --yes` (caches are the default category).',
    example: '`services/__pycache__`: Python bytecode cache, 12 files',
  },
  heading: 'Python bytecode caches',
  color: '#e8a33d',
  gitignore: { group: 'Python bytecode', filePattern: () => '*.py[cod]' },
  dockerignore: { group: 'Caches and build outputs', dirsByName: true, files: '**/*.py[cod]' },
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
