/**
 * What makes a folder a Python environment, as one rule for the scanner's venv detector (over the
 * walked tree) and the codemod engine's file listing (over paths): `pyvenv.cfg` or `conda-meta/`,
 * or, when those were lost (a copied or half-deleted venv), the layout itself:
 * `lib/pythonX.Y/site-packages` (also lib64, PyPy), Windows' `Lib/site-packages`, or an activate
 * script in `bin/` or `Scripts/` beside a Python interpreter.
 */

/** A folder seen from inside: whether a relative path exists, and the names in a subfolder. */
export interface FolderView {
  has(relative: string): boolean;
  list(relative: string): readonly string[];
}

const PYTHON_DIR = /^(python|pypy)\d+(\.\d+)?t?$/;
const INTERPRETER = /^(python|pypy)(\d+(\.\d+)?)?(\.exe)?$/i;
const ACTIVATE = ['activate', 'activate.bat', 'Activate.ps1', 'activate.fish', 'activate.csh'];

/** The evidence that a folder is an environment (a relative path to name in messages), or undefined. */
export function virtualenvEvidence(folder: FolderView): string | undefined {
  if (folder.has('pyvenv.cfg')) return 'pyvenv.cfg';
  if (folder.has('conda-meta')) return 'conda-meta/';
  for (const lib of ['lib', 'lib64']) {
    if (!folder.has(lib)) continue;
    for (const name of folder.list(lib)) {
      if (PYTHON_DIR.test(name) && folder.has(`${lib}/${name}/site-packages`)) return `${lib}/${name}/site-packages/`;
    }
  }
  if (folder.has('Lib/site-packages')) return 'Lib/site-packages/';
  for (const bin of ['bin', 'Scripts']) {
    if (!folder.has(bin)) continue;
    const names = folder.list(bin);
    const activate = ACTIVATE.find((a) => names.includes(a));
    if (activate && names.some((n) => INTERPRETER.test(n))) return `${bin}/${activate}`;
  }
  return undefined;
}

/** Names whose presence in a folder makes it worth asking `virtualenvEvidence`. */
export const VIRTUALENV_ENTRY_NAMES: ReadonlySet<string> = new Set(['pyvenv.cfg', 'conda-meta', 'lib', 'lib64', 'Lib', 'bin', 'Scripts']);

/**
 * The environment folders among listed paths (relative, `/`-separated; '' for the root). Only the
 * outermost is kept: an environment inside an environment is part of it.
 */
export function virtualenvFolders(paths: readonly string[]): Set<string> {
  const children = new Map<string, Set<string>>();
  for (const p of paths) {
    const parts = p.split('/');
    let dir = '';
    for (const part of parts) {
      if (part === '') break;
      let set = children.get(dir);
      if (!set) children.set(dir, (set = new Set()));
      set.add(part);
      dir = dir === '' ? part : `${dir}/${part}`;
    }
  }
  const found = new Set<string>();
  for (const [dir, names] of children) {
    if (![...names].some((n) => VIRTUALENV_ENTRY_NAMES.has(n))) continue;
    const prefix = dir === '' ? '' : `${dir}/`;
    const view: FolderView = {
      has(relative) {
        const full = `${prefix}${relative}`;
        const slash = full.lastIndexOf('/');
        return children.get(slash < 0 ? '' : full.slice(0, slash))?.has(full.slice(slash + 1)) ?? false;
      },
      list(relative) {
        return [...(children.get(`${prefix}${relative}`) ?? [])];
      },
    };
    if (virtualenvEvidence(view)) found.add(dir);
  }
  // Keep the outermost: `env/` and not also `env/lib/python3.11/site-packages/x/` below it.
  return new Set([...found].filter((d) => ![...found].some((o) => o !== d && (o === '' || d.startsWith(`${o}/`)))));
}
