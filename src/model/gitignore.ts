/**
 * Git's ignore semantics on top of npm `ignore`: one matcher per `.gitignore`, relative to its
 * folder, the deepest deciding layer winning, then `info/exclude`, then `core.excludesFile`.
 * What git does around the matcher (case sensitivity, nested repositories, never reading a
 * `.gitignore` inside an ignored folder) is the walk's job, which calls `isIgnored` top-down.
 */
import ignore, { type Ignore } from 'ignore';

interface Layer {
  /** The folder of the ignore file, relative to the repository top, '' at the top. */
  base: string;
  matcher: Ignore;
}

/** The ignore files in force for one folder's entries (GitIgnoreRules.layersFor). */
export type IgnoreLayers = readonly unknown[];

export class GitIgnoreRules {
  private readonly byFolder = new Map<string, Layer>();
  private readonly globals: Layer[] = [];
  /** Every ignore file's folder and text as added, in order (what a memoized report depended on). */
  readonly sources: string[] = [];

  constructor(private readonly ignoreCase = false) {}

  private layer(base: string, content: string): Layer {
    return { base, matcher: ignore({ ignorecase: this.ignoreCase, allowRelativePaths: true }).add(content) };
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
    const merged = this.layer(folder, '');
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
    return this.isIgnoredBy(this.layersFor(slash < 0 ? '' : path.slice(0, slash)), path, isDir);
  }

  /**
   * The patterns that judge the entries of `folder` (relative to the repository top), in the
   * order they are asked: the folder's own `.gitignore` and its parents', then the global ones.
   * The walk asks once per folder instead of climbing the folders again for every entry.
   */
  layersFor(folder: string): IgnoreLayers {
    const layers: Layer[] = [];
    for (;;) {
      const layer = this.byFolder.get(folder);
      if (layer) layers.push(layer);
      if (folder === '') break;
      const up = folder.lastIndexOf('/');
      folder = up < 0 ? '' : folder.slice(0, up);
    }
    layers.push(...this.globals);
    return layers;
  }

  /** isIgnored for an entry of the folder `layers` was made for. */
  isIgnoredBy(layers: IgnoreLayers, path: string, isDir: boolean): boolean {
    for (const layer of layers as Layer[]) {
      const verdict = decide(layer, path, isDir);
      if (verdict !== undefined) return verdict;
    }
    return false;
  }
}

function decide(layer: Layer, path: string, isDir: boolean): boolean | undefined {
  const rel = layer.base === '' ? path : path.slice(layer.base.length + 1);
  const result = layer.matcher.test(isDir ? `${rel}/` : rel);
  if (result.ignored) return true;
  if (result.unignored) return false;
  return undefined;
}
