/**
 * The codemod contract. A codemod is data plus functions, like an ESLint rule: it says which
 * files it looks at and which strings must occur in them, and its transform turns one file into
 * edits and review items. It never touches the disk: the engine reads, checks, diffs and writes.
 */
import type { NativeTree } from '../python/tree.js';
import type { ScanContext } from '../model/context.js';

/**
 * A replacement of `[start, end)` by `text`. Offsets index the JavaScript string `SourceFile.text`
 * (UTF-16 code units, BOM already removed): node tree-sitter reports these same units for string
 * input, so `node.startIndex` / `PyNode.start` can be used as they are, also after non-ASCII text.
 * `start === end` inserts. Newlines in `text` may be written `\n`: the engine converts them to the
 * file's line ending. The one edit type of the project (src/text/edit.ts).
 */
export type { Edit } from '../text/edit.js';
import type { Edit } from '../text/edit.js';

/** Something the codemod found and did not change: 1-based line and column. */
export interface ReviewNote {
  line: number;
  column: number;
  message: string;
}

export type Language = 'python' | 'javascript' | 'typescript' | 'toml' | 'json' | 'yaml' | 'text';

export interface SourceFile {
  /** Relative to the root, `/`-separated. */
  readonly path: string;
  /** The decoded content without a byte-order mark. */
  readonly text: string;
  readonly language: Language;
  /** The dominant line ending. */
  readonly eol: '\n' | '\r\n';
  /** One level of indentation as the file writes it (four spaces, two spaces, a tab). */
  readonly indent: string;
  /** Python only: the tree-sitter tree of `text`, parsed once by the engine (free of syntax errors). */
  readonly tree?: NativeTree;
  /** 1-based line and column (in characters) of an offset into `text`. */
  position(offset: number): { line: number; column: number };
}

export interface ProjectFacts {
  /** Absolute path of the root the run started from. */
  readonly root: string;
  /** Every file the engine listed under the root (relative, `/`-separated), bloat folders left out. */
  readonly files: readonly string[];
}

export interface FileContext {
  readonly codemod: string;
  /** Every option of the codemod, defaults filled in, validated. */
  readonly options: Readonly<Record<string, string>>;
  readonly project: ProjectFacts;
  /** 1 on the first pass over the file; the engine repeats passes until nothing changes. */
  readonly pass: number;
}

export interface TransformResult {
  edits?: Edit[];
  review?: ReviewNote[];
  /** Delete the whole file (its edits are then ignored). */
  delete?: boolean;
  /**
   * Facts for `finish` (structured-clonable: transforms may run on worker threads). The engine
   * hands `finish` the data of the transform call that saw the file's final text.
   */
  data?: unknown;
}

export interface FileSummary {
  path: string;
  status: FileStatus;
  /** Why the file was skipped or failed. */
  reason?: string;
  /** This codemod's `data` for the file's final text (undefined when skipped or failed early). */
  data?: unknown;
  /**
   * `data` of every transform call whose input became part of the result, in pass order: the
   * first describes the text as read, the last the final text. Lets `finish` know what changed.
   */
  history: unknown[];
}

export type FileStatus = 'modified' | 'deleted' | 'unchanged' | 'skipped' | 'failed';

export interface ProjectContext extends ProjectFacts {
  readonly codemod: string;
  readonly options: Readonly<Record<string, string>>;
  /** One entry per file the transform looked at (matching `files`, containing a trigger). */
  readonly results: readonly FileSummary[];
  /** A file as it stands after this run's edits so far (null: missing, unreadable or not text). */
  read(path: string): SourceFile | null;
  /**
   * The lines of a file, as this run read it, that hold the codemod's `keepLinesWith` string (the
   * bytes as Latin-1, without the line break), in file order; undefined when the engine kept none
   * (no `keepLinesWith`, a file it did not or could not read, a UTF-16 file): read the file then.
   */
  linesWith?(path: string): readonly string[] | undefined;
  /** Listed files matching .gitignore-style patterns (as in `Codemod.files`), copies of the app left out. */
  match(patterns: readonly string[]): string[];
  /** Listed files for which `test` holds (e.g. `isRequirementsFile` of src/manifests/kinds.ts), copies of the app left out. */
  select(test: (path: string) => boolean): string[];
  /**
   * The scan facts under the configuration the command was given (settings, configured paths):
   * built on first call, once per run, as `scan` builds them.
   */
  scanContext(): ScanContext;
}

export type ProjectChange =
  | { path: string; edits: Edit[] }
  | { path: string; create: string }
  | { path: string; delete: true };

export interface FinishResult {
  changes?: ProjectChange[];
  review?: Array<ReviewNote & { path: string }>;
  /** Undo everything this codemod changed in these files (e.g. another file depends on the old API). */
  revert?: Array<{ path: string; reason: string; line?: number; column?: number }>;
  /** Lines for the run summary (stderr). */
  notes?: string[];
  /**
   * Lines for the run summary computed from what the engine applied (the paths of `changes` that
   * took effect): a change can still be refused (overlapping edits, a syntax error), and the
   * summary must not claim it. Used instead of `notes` when given.
   */
  summary?(applied: ReadonlySet<string>): string[];
}

export interface CodemodOption {
  name: string;
  description: string;
  default: string;
  /** The accepted values; anything else is a usage error. */
  allowed?: readonly string[];
  /** Returns an error message for a bad value (used when `allowed` cannot list them). */
  validate?(value: string): string | undefined;
}

export interface Codemod {
  /** kebab-case, unique: the name users type. */
  name: string;
  /** One line for `codemod list`. */
  description: string;
  /** .gitignore-style patterns of the files `transform` looks at (`*.py` matches at any depth). */
  files: readonly string[];
  /**
   * Files `transform` also looks at, by a test on the path: for kinds that patterns cannot say
   * (src/manifests/kinds.ts: `isContainerFile` matches `dockerfile`, `api.Containerfile` in any case).
   */
  selects?(path: string): boolean;
  /**
   * Cheap pre-filter: a file is read, decoded and parsed only if its bytes contain one of these
   * strings. Empty: every matching file is a candidate.
   */
  triggers: readonly string[];
  /**
   * For `finish`, which would otherwise read every file again to look for a string: wherever the
   * engine reads a file this codemod looks at, it keeps the lines that hold this string (see
   * `ProjectContext.linesWith`). Whisper keeps `import` lines, to tell which files can import a module.
   */
  keepLinesWith?: string;
  options: readonly CodemodOption[];
  transform?(file: SourceFile, context: FileContext): TransformResult | undefined | void;
  /** Runs once after every file's transform, in the main thread, e.g. to edit manifests. */
  finish?(project: ProjectContext): FinishResult | undefined | void | Promise<FinishResult | undefined | void>;
}

/** A file's summary with the codemod's own `data` type (see `defineCodemod`). */
export interface FileSummaryOf<Data> extends Omit<FileSummary, 'data' | 'history'> {
  data?: Data;
  history: Data[];
}

/** `FileContext` with the options parsed once into the codemod's own type. */
export interface FileContextOf<Options> extends FileContext {
  readonly parsedOptions: Options;
}

/** `ProjectContext` with parsed options and each file's `data` in the codemod's own type. */
export interface ProjectContextOf<Options, Data> extends Omit<ProjectContext, 'results'> {
  readonly parsedOptions: Options;
  readonly results: readonly FileSummaryOf<Data>[];
}

/** `TransformResult` whose `data` has the codemod's own type. */
export interface TransformResultOf<Data> extends Omit<TransformResult, 'data'> {
  data?: Data;
}

/** A codemod written against its own option and data types; `defineCodemod` makes it a `Codemod`. */
export interface CodemodDefinition<Options, Data> extends Omit<Codemod, 'transform' | 'finish'> {
  /** The validated option strings (defaults filled in) as the codemod's own type. */
  parseOptions(options: Readonly<Record<string, string>>): Options;
  transform?(file: SourceFile, context: FileContextOf<Options>): TransformResultOf<Data> | undefined | void;
  finish?(project: ProjectContextOf<Options, Data>): FinishResult | undefined | void | Promise<FinishResult | undefined | void>;
}

/**
 * A `Codemod` from a definition with typed options and data: the option strings are parsed once
 * per options object (once per run on each thread), and `finish` reads each file's `data` as the
 * type its transform returned. The engine still sees the plain contract: `data` crosses threads
 * as a structured clone, so the type is the codemod's promise to itself, kept in one place.
 */
export function defineCodemod<Options, Data>(definition: CodemodDefinition<Options, Data>): Codemod {
  const { parseOptions, transform, finish, ...rest } = definition;
  const parsed = new WeakMap<object, Options>();
  const optionsOf = (raw: Readonly<Record<string, string>>): Options => {
    let value = parsed.get(raw);
    if (value === undefined) parsed.set(raw, (value = parseOptions(raw)));
    return value;
  };
  return {
    ...rest,
    transform: transform && ((file, context) => transform(file, { ...context, parsedOptions: optionsOf(context.options) })),
    // The one place `data: unknown` becomes the codemod's type: its own transform produced it.
    finish: finish && ((project) => finish({ ...project, parsedOptions: optionsOf(project.options) } as ProjectContextOf<Options, Data>)),
  };
}
