/**
 * The safety check of a candidate ignore pattern ("does it catch a file that must stay?"), asked
 * once per folder and per distinct name instead of once per file: a build context can hold every
 * one of 200k files, and both ignore libraries test each path and each of its parent folders.
 *
 * A pattern that names one path component -- git `__pycache__/`, `*.log`; Docker `**\/name`,
 * `**\/*.py[cod]` -- catches a path exactly when it catches one of the path's names on its own:
 * a folder name (as a folder) or the file's name. Both libraries test every parent folder of a
 * path and then the path, and such a pattern compiles to a regular expression anchored at the
 * slashes around one name. A git pattern that is one literal anchored path (`/models/base.pt`,
 * `/data/`) can only catch that path and what is below it: only those files are asked. Patterns of
 * any other shape (negations, `**` inside, escapes, character classes that could match a slash)
 * are tested path by path, as before.
 */

/** The names of files that must stay, by folder; `dir` is relative to the base ('' for the base itself). */
export interface FilesInFolder {
  dir: string;
  names: string[];
}

export type PatternSyntax = 'git' | 'docker';

/** One name: letters, digits, `_ . -`, `?`, a single `*`, or a class of letters and digits. */
const NAME_GLOB = String.raw`(?:[A-Za-z0-9_.\-?]|\*(?!\*)|\[[A-Za-z0-9_]+\])+`;
const GIT_NAME_PATTERN = new RegExp(`^${NAME_GLOB}/?$`);
const DOCKER_NAME_PATTERN = new RegExp(`^\\*\\*/${NAME_GLOB}$`);

/** Whether the pattern names one path component, so that a path matches when one of its names does. */
export function namesOneComponent(pattern: string, syntax: PatternSyntax): boolean {
  const glob = syntax === 'git' ? pattern : pattern.slice(3);
  // `.`/`..` are cleaned away by the libraries before matching.
  if (/^\.+\/?$/.test(glob)) return false;
  return (syntax === 'git' ? GIT_NAME_PATTERN : DOCKER_NAME_PATTERN).test(pattern);
}

/**
 * A test every name the glob catches passes: its literal characters in order, any character where
 * the glob has `?`, `*` or a class. The library's own test (which costs far more) is asked only
 * about the names that pass, so a glob such as `*.log` costs one regular expression per name.
 */
function nameFilter(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') source += '[^]*';
    else if (c === '?') source += '[^]';
    else if (c === '[') {
      i = glob.indexOf(']', i);
      source += '[^]';
    } else source += c === '.' ? '\\.' : c; // the rest of NAME_GLOB is letters, digits, `_` and `-`
  }
  return new RegExp(`^${source}$`);
}

/** A git pattern that is one anchored path of plain names (`/a/b.pt`, `/a/`): that path without its slashes, else undefined. */
function anchoredLiteral(pattern: string, syntax: PatternSyntax): string | undefined {
  if (syntax !== 'git' || !/^\/[A-Za-z0-9_.,+=@%~/-]+$/.test(pattern)) return undefined;
  const path = pattern.slice(1, pattern.endsWith('/') ? -1 : undefined);
  // `.`/`..` and empty names are cleaned or read otherwise by the library: asked path by path.
  return path.split('/').every((name) => name !== '' && !/^\.+$/.test(name)) ? path : undefined;
}

/**
 * Whether any file of `folders` that is `path` or lies below it is caught: the only files an
 * anchored literal pattern can catch (the library is asked case-sensitively, ignorecase: false).
 */
function matchesAnyFileAt(folders: FilesInFolder[], path: string, matches: (path: string) => boolean): boolean {
  const slash = path.lastIndexOf('/');
  const parent = slash < 0 ? '' : path.slice(0, slash);
  const name = path.slice(slash + 1);
  return folders.some(({ dir, names }) => {
    if (dir === path || dir.startsWith(`${path}/`)) return names.some((n) => matches(`${dir}/${n}`));
    return dir === parent && names.includes(name) && matches(path);
  });
}

/**
 * Names the per-name answer does not cover: one the Docker library would answer from its cache
 * object's prototype (`constructor`, ...), and a line break, which the any-folders part Docker compiles
 * `**\/` to does not cross (so `a\nb/x.pyc` is not caught by `**\/*.pyc` although `x.pyc` is).
 */
const oddName = (name: string) => /[\n\r\u2028\u2029]/.test(name) || name in Object.prototype;

/** What every check of one list needs: whether a name is odd, and the distinct file names. */
interface ListSummary { odd: boolean; fileNames: string[] }

const summaries = new WeakMap<FilesInFolder[], ListSummary>();

function summaryOf(folders: FilesInFolder[]): ListSummary {
  let summary = summaries.get(folders);
  if (!summary) {
    const fileNames = new Set<string>();
    for (const { names } of folders) for (const name of names) fileNames.add(name);
    const odd = [...fileNames].some(oddName) || folders.some(({ dir }) => dir.split('/').some(oddName));
    summaries.set(folders, (summary = { odd, fileNames: [...fileNames] }));
  }
  return summary;
}

/**
 * Whether `matches` (the library's verdict for a path relative to the base: `ignores(path)`)
 * catches any file listed in `folders`. Equal to testing every `dir/name` with `matches`.
 */
export function matchesAnyFile(folders: FilesInFolder[], pattern: string, syntax: PatternSyntax, matches: (path: string) => boolean): boolean {
  const byPath = (): boolean => folders.some(({ dir, names }) => names.some((name) => matches(dir === '' ? name : `${dir}/${name}`)));
  if (!namesOneComponent(pattern, syntax)) {
    const literal = anchoredLiteral(pattern, syntax);
    return literal === undefined ? byPath() : matchesAnyFileAt(folders, literal, matches);
  }

  const mayMatch = nameFilter(syntax === 'git' ? pattern.replace(/\/$/, '') : pattern.slice(3));
  const nameHits = new Map<string, boolean>();
  const nameHit = (name: string, isDir: boolean): boolean => {
    if (!mayMatch.test(name)) return false;
    // git tells a folder by its trailing slash; Docker's patterns here do not depend on it.
    const key = syntax === 'git' && isDir ? `${name}/` : name;
    let hit = nameHits.get(key);
    if (hit === undefined) nameHits.set(key, (hit = matches(key)));
    return hit;
  };
  const folderHits = new Map<string, boolean>([['', false]]);
  const folderHit = (dir: string): boolean => {
    let hit = folderHits.get(dir);
    if (hit === undefined) {
      const slash = dir.lastIndexOf('/');
      hit = (slash >= 0 && folderHit(dir.slice(0, slash))) || nameHit(dir.slice(slash + 1), true);
      folderHits.set(dir, hit);
    }
    return hit;
  };
  const { odd, fileNames } = summaryOf(folders);
  if (odd) return byPath();
  // A file is caught by a name on its folder's path or by its own name: the folders and the
  // distinct names can be asked apart (a 200k-file tree has far fewer of either).
  return folders.some(({ dir, names }) => names.length > 0 && folderHit(dir)) || fileNames.some((name) => nameHit(name, false));
}
