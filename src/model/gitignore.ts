/**
 * Git's ignore semantics on top of npm `ignore`: one matcher per `.gitignore`, relative to its
 * folder, the deepest deciding layer winning, then `info/exclude`, then `core.excludesFile`.
 * What git does around the matcher (case sensitivity, nested repositories, never reading a
 * `.gitignore` inside an ignored folder) is the walk's job, which asks top-down, a folder's
 * entries at a time (GitIgnoreRules.judgeFolder).
 */
import ignore, { type Ignore } from 'ignore';
import { joinPath } from './tree.js';

/**
 * Which names a basename pattern can match, by their last character: the literal endings such a
 * name must have (`*.log`: '.log'), or true when any name ending in that character may match
 * (`*.py[cod]`). Undefined: a pattern matches names with any ending (`*`, `foo*`).
 */
type Endings = Map<number, string[] | true> | undefined;

/**
 * What a layer's patterns can reach, to tell that none matches an entry without asking the
 * matcher: most entries of a large tree match no pattern, and asking costs microseconds each.
 */
interface Reach {
  /** First segments of the patterns anchored to the layer's folder (`/venv/`, `logs/*`). */
  anchored: Set<string>;
  /** What the basename patterns (no inner slash) can match: a file, and a folder. */
  files: Endings;
  dirs: Endings;
}

interface Layer {
  /** The folder of the ignore file, relative to the repository top, '' at the top. */
  base: string;
  matcher: Ignore;
  /** Undefined when the patterns are not plain enough to tell (then the matcher decides everything). */
  reach?: Reach;
}

/** Where a basename pattern's names must end: a literal ending, the last characters, or anything (undefined). */
function endingOf(pattern: string): string | string[] | undefined {
  let end = pattern.length;
  while (end > 0 && !'*?[]'.includes(pattern[end - 1])) end--;
  if (end < pattern.length) return pattern.slice(end);
  // One plain class at the end ([cod]): no range, negation or second bracket to get wrong.
  const open = pattern.indexOf('[');
  if (open >= 0 && pattern.endsWith(']') && open === pattern.lastIndexOf('[') && pattern.indexOf(']') === pattern.length - 1) {
    const chars = pattern.slice(open + 1, -1);
    if (/^[A-Za-z0-9_.]+$/.test(chars)) return [...chars];
  }
  return undefined;
}

function addEnding(endings: Endings, ending: string | string[] | undefined): Endings {
  if (!endings || ending === undefined) return undefined;
  if (typeof ending === 'string') {
    const known = endings.get(ending.charCodeAt(ending.length - 1));
    if (known === undefined) endings.set(ending.charCodeAt(ending.length - 1), [ending]);
    else if (known !== true) known.push(ending);
  } else for (const char of ending) endings.set(char.charCodeAt(0), true);
  return endings;
}

/**
 * The reach of an ignore file's patterns, or undefined when it has anything this reading does
 * not follow exactly as the matcher does (escapes, trailing blanks, CRs, a BOM, case folding,
 * a wildcard in an anchored pattern's first segment): such a file is left to the matcher.
 */
function reachOf(content: string, ignoreCase: boolean): Reach | undefined {
  if (ignoreCase || /[\\\r\uFEFF]/.test(content)) return undefined;
  const reach: Reach = { anchored: new Set(), files: new Map(), dirs: new Map() };
  for (const line of content.split('\n')) {
    if (line === '' || line[0] === '#') continue;
    if (/\s$/.test(line)) return undefined;
    const body = line[0] === '!' ? line.slice(1) : line; // a negation is a match too: it decides
    if (body === '') continue; // a lone `!` is no pattern
    const dirOnly = body.endsWith('/');
    const pattern = dirOnly ? body.slice(0, -1) : body;
    if (pattern.includes('/')) {
      // Anchored to the layer's folder: it can only match below its literal first segment.
      const path = pattern[0] === '/' ? pattern.slice(1) : pattern;
      const slash = path.indexOf('/');
      const first = slash < 0 ? path : path.slice(0, slash);
      if (first === '' || /[*?[\]]/.test(first)) return undefined;
      reach.anchored.add(first);
      continue;
    }
    if (pattern === '') return undefined;
    const ending = endingOf(pattern);
    reach.dirs = addEnding(reach.dirs, ending);
    if (!dirOnly) reach.files = addEnding(reach.files, ending); // `name/` matches folders only
  }
  return reach;
}

/** One layer as seen from one folder. */
interface LayerView {
  layer: Layer;
  /** The folder relative to the layer's folder ('' when it is that folder). */
  rel: string;
  /** No anchored pattern of the layer can reach this folder's entries. */
  unanchored: boolean;
  /** Whether the layer ignores the folder itself (its entries then too), once asked. */
  folderIgnored?: boolean;
  /**
   * The same layer's view of the parent folder, when none of its patterns can match this
   * folder's name: the layer then ignores this folder exactly when it ignores the parent.
   */
  parent?: LayerView;
}

/**
 * The ignore verdicts for the entries of one folder. For an entry that no pattern of a layer
 * can match (by its reach), the layer's answer is what the matcher would say without a match:
 * ignored if it ignores the folder itself, undecided otherwise; every other entry is asked.
 */
export class FolderJudge {
  constructor(
    /** The folder relative to the repository top. */
    private readonly folder: string,
    private readonly views: LayerView[],
  ) {}

  viewOf(layer: Layer): LayerView | undefined {
    return this.views.find((view) => view.layer === layer);
  }

  isIgnored(name: string, isDir: boolean): boolean {
    let path: string | undefined;
    for (const view of this.views) {
      let verdict: boolean | undefined;
      if (unreachable(view, name, isDir)) verdict = folderIgnored(view) ? true : undefined;
      else verdict = decide(view.layer, (path ??= joinPath(this.folder, name)), isDir);
      if (verdict !== undefined) return verdict;
    }
    return false;
  }
}

function unreachable(view: LayerView, name: string, isDir: boolean): boolean {
  const { reach } = view.layer;
  if (!reach || !(view.rel === '' ? !reach.anchored.has(name) : view.unanchored)) return false;
  const endings = isDir ? reach.dirs : reach.files;
  if (!endings) return false;
  const known = endings.get(name.charCodeAt(name.length - 1));
  return known === undefined || (known !== true && !known.some((ending) => name.endsWith(ending)));
}

/**
 * The matcher's verdict on the folder itself (it judges a path's parents before the path): the
 * parent's when the folder's name is out of the layer's reach, else asked once.
 */
function folderIgnored(view: LayerView): boolean {
  view.folderIgnored ??= view.rel !== '' && (view.parent ? folderIgnored(view.parent) : view.layer.matcher.test(`${view.rel}/`).ignored);
  return view.folderIgnored;
}

export class GitIgnoreRules {
  private readonly byFolder = new Map<string, Layer>();
  private readonly globals: Layer[] = [];
  /** Every ignore file's folder and text as added, in order (what a memoized report depended on). */
  readonly sources: string[] = [];

  constructor(private readonly ignoreCase = false) {}

  private layer(base: string, content: string): Layer {
    return { base, matcher: ignore({ ignorecase: this.ignoreCase, allowRelativePaths: true }).add(content), reach: reachOf(content, this.ignoreCase) };
  }

  /** A `.gitignore` found in `folder` (relative to the repository top). */
  addIgnoreFile(folder: string, content: string): void {
    this.sources.push(`${folder}\0${content}`);
    this.byFolder.set(folder, this.layer(folder, content));
  }

  /** Lower-precedence, repository-wide patterns: call for info/exclude first, then core.excludesFile. */
  addGlobalPatterns(content: string): void {
    this.sources.push(`\0\0${content}`);
    this.globals.push(this.layer('', content));
  }

  /** Appends patterns to the `.gitignore` of `folder`, as `fix` would. */
  withExtraPatterns(folder: string, content: string): GitIgnoreRules {
    const copy = new GitIgnoreRules(this.ignoreCase);
    for (const [key, layer] of this.byFolder) copy.byFolder.set(key, layer);
    copy.globals.push(...this.globals);
    const existing = this.byFolder.get(folder);
    const merged: Layer = { base: folder, matcher: ignore({ ignorecase: this.ignoreCase, allowRelativePaths: true }) };
    if (existing) merged.matcher.add(existing.matcher);
    merged.matcher.add(content);
    copy.byFolder.set(folder, merged);
    return copy;
  }

  /**
   * Whether `path` (relative to the repository top) is ignored, judged only by the patterns:
   * the caller has already established that no parent folder is ignored.
   */
  isIgnored(path: string, isDir: boolean): boolean {
    const slash = path.lastIndexOf('/');
    return this.judgeFolder(slash < 0 ? '' : path.slice(0, slash)).isIgnored(path.slice(slash + 1), isDir);
  }

  /**
   * The judge of the entries of `folder` (relative to the repository top), asking the folder's
   * own `.gitignore` and its parents', then the global ones. The walk asks once per folder
   * instead of climbing the folders again for every entry, and passes the judge of the parent
   * folder (`parent`, with the folder's name) to spare asking whether a layer ignores the folder.
   */
  judgeFolder(folder: string, parent?: { judge: FolderJudge; name: string }): FolderJudge {
    const views: LayerView[] = [];
    const add = (layer: Layer) => {
      const rel = layer.base === '' ? folder : folder === layer.base ? '' : folder.slice(layer.base.length + 1);
      const first = rel.indexOf('/') < 0 ? rel : rel.slice(0, rel.indexOf('/'));
      const view: LayerView = { layer, rel, unanchored: layer.reach !== undefined && !layer.reach.anchored.has(first) };
      const above = parent?.judge.viewOf(layer);
      if (above && unreachable(above, parent!.name, true)) view.parent = above;
      views.push(view);
    };
    for (let at = folder; ; ) {
      const layer = this.byFolder.get(at);
      if (layer) add(layer);
      if (at === '') break;
      const up = at.lastIndexOf('/');
      at = up < 0 ? '' : at.slice(0, up);
    }
    this.globals.forEach(add);
    return new FolderJudge(folder, views);
  }
}

function decide(layer: Layer, path: string, isDir: boolean): boolean | undefined {
  const rel = layer.base === '' ? path : path.slice(layer.base.length + 1);
  const result = layer.matcher.test(isDir ? `${rel}/` : rel);
  if (result.ignored) return true;
  if (result.unignored) return false;
  return undefined;
}
