/**
 * The report memo: a scan of a tree where nothing the report depends on has changed prints the
 * report the last such scan printed, without classifying, analysing or running a rule again. A
 * pre-commit hook or a CI gate then costs about as much as the walk.
 *
 * What a report depends on, and how each is checked:
 * - the walk and git (every folder and file with its name, kind, sizes, tracked and ignored state
 *   and link target; the walk's warnings; git's state, skip-worktree list and history listing; the
 *   text of every ignore file): the same digest, computed from this run's walk, which is always done;
 * - everything the rules were given (the configuration, the command's options and report format,
 *   the tool's code, Node's version and locale): in the same digest;
 * - every file read after the walk (src/model/read-log.ts): its key (size, mtime, ctime, inode,
 *   mode) unchanged, or else read again and giving the same bytes or the same import analysis.
 *
 * Anything else and the scan runs in full and stores its report for next time. The memo lives in
 * the cache folder with the analysis caches (cache-file.ts: trust, atomic writes, bounded size),
 * and `--no-cache` turns it off with them. A memo that cannot be trusted is ignored with a warning.
 */
import { createHash, type Hash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Severity, Warning } from '../findings.js';
import { MAX_TEXT_BYTES, type RepoFacts } from '../model/facts.js';
import { currentFileKey, nowNs, racyAgainst, sameKey, type FileKey } from '../model/file-key.js';
import { ProjectFileError, readProjectFile, readProjectFileHead } from '../model/project-file.js';
import { hashAnalysis, hashBytes, hashProblem, type FileRead, type ReadLog } from '../model/read-log.js';
import { iterateDirs, type DirNode, type FileNode } from '../model/tree.js';
import { VERSION } from '../version.js';
import { cacheFilePath, folderToldElsewhere, openCacheFolder, readCacheFile, writeCacheFile, type CacheFileSpec, type CacheFolderSettings } from './cache-file.js';

/** Bumped whenever what the memo keeps, or how its digest is made, changes. */
const MEMO_VERSION = 2;

/** What the scan command prints and decides from a scan: all a memo keeps of it. */
export interface ScanOutcome {
  report: string;
  warnings: Warning[];
  suppressed: number;
  /** What `--fail-on` and `--fail-on-bytes` look at. */
  findings: Array<{ severity: Severity; rule: string; bytes?: number }>;
}

interface MemoBody {
  digest: string;
  reads: FileRead[];
  outcome: ScanOutcome;
}

// The fields of the walk's nodes and of the facts the digest covers: a field added to one of
// these types without a decision here fails to compile.
const DIGESTED_FILE_FIELDS: Record<keyof FileNode, string> = { name: 'digested (invalid bytes escaped in it)', kind: 'digested', size: 'digested', allocated: 'digested', target: 'digested', tracked: 'digested', ignored: 'digested', raw: 'in the name' };
const DIGESTED_DIR_FIELDS: Record<keyof DirNode, string> = { name: 'in the path', path: 'digested', parent: 'structure', dirs: 'structure', files: 'structure', bytes: 'digested', allocated: 'digested', fileCount: 'digested', tracked: 'digested', ignored: 'digested', nestedRepo: 'digested', gitDir: 'digested', raw: 'in the path', unreadable: 'digested' };
const DIGESTED_FACTS: Record<keyof RepoFacts, string> = { root: 'digested', repo: 'in git', git: 'digested', tree: 'digested', rules: 'sources digested', warnings: 'digested', skipWorktree: 'digested', historyObjectSizes: 'digested', reads: 'checked one by one', dir: 'function', file: 'function', files: 'function', readText: 'function', readHead: 'function', repoPath: 'function' };
void DIGESTED_FILE_FIELDS; void DIGESTED_DIR_FIELDS; void DIGESTED_FACTS;

/**
 * Every folder and file of the walk into `hash`: names as text, and numbers, flags and the names'
 * lengths (which make the text decodable, whatever characters names hold) as binary in a
 * Float64Array: 200k files would otherwise make 600k number strings.
 */
function digestTree(tree: DirNode, hash: Hash): void {
  const numbers = new Float64Array(8192);
  let n = 0;
  let names = '';
  const flush = () => {
    hash.update(names);
    hash.update(new Uint8Array(numbers.buffer, 0, n * 8));
    names = '';
    n = 0;
  };
  for (const dir of iterateDirs(tree)) {
    if (n > numbers.length - 8) flush();
    names += dir.path;
    numbers[n++] = -1 - dir.path.length; // negative: a folder
    numbers[n++] = dir.bytes;
    numbers[n++] = dir.allocated;
    numbers[n++] = dir.fileCount;
    numbers[n++] = (dir.tracked ? 1 : 0) | (dir.ignored ? 2 : 0) | (dir.nestedRepo ? 4 : 0) | (dir.gitDir ? 8 : 0) | (dir.unreadable ? 16 : 0);
    for (const f of dir.files) {
      if (n > numbers.length - 8) flush();
      names += f.target === undefined ? f.name : f.name + f.target;
      numbers[n++] = f.name.length;
      numbers[n++] = f.target === undefined ? -1 : f.target.length;
      numbers[n++] = f.size;
      numbers[n++] = f.allocated;
      numbers[n++] = (f.tracked ? 1 : 0) | (f.ignored ? 2 : 0) | (f.kind === 'file' ? 4 : f.kind === 'symlink' ? 8 : 16);
    }
  }
  flush();
}

/**
 * The digest of everything a report depends on except the files read after the walk. `walkWarnings`:
 * the walk's warnings, when the scan has added its own since (a scan appends to the list, never
 * changes what the walk put there).
 */
export function scanDigest(facts: RepoFacts, inputs: unknown, walkWarnings = facts.warnings): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ memo: MEMO_VERSION, inputs, root: facts.root, git: facts.git, warnings: walkWarnings, skipWorktree: facts.skipWorktree ?? null, ignoreFiles: facts.rules.sources }));
  hash.update(facts.historyObjectSizes ?? '\0none');
  digestTree(facts.tree, hash);
  return hash.digest('hex');
}

/**
 * What identifies the code that makes the report: every compiled module's name, size and mtime
 * (a rebuild of the same version is another tool), with the version and Node's.
 */
export function codeIdentity(): string {
  const hash = createHash('sha256').update(`${VERSION}\0${process.version}\0${Intl.DateTimeFormat().resolvedOptions().locale}`);
  const base = fileURLToPath(new URL('../../', import.meta.url));
  const visit = (dir: string) => {
    let names: string[];
    try { names = readdirSync(dir).sort(); } catch { return; }
    for (const name of names) {
      const path = join(dir, name);
      const st = statSync(path, { throwIfNoEntry: false });
      if (st?.isDirectory()) visit(path);
      else if (st && /\.(js|ts|json)$/.test(name)) hash.update(`${path}\0${st.size}\0${st.mtimeMs}\n`);
    }
  };
  for (const part of ['src', 'codemods']) visit(join(base, part));
  return hash.digest('hex');
}

function isKey(value: unknown): value is FileKey {
  const k = value as FileKey;
  return typeof k === 'object' && k !== null && typeof k.size === 'number' && typeof k.mtimeNs === 'string' && typeof k.ctimeNs === 'string' && typeof k.ino === 'string' && typeof k.mode === 'number';
}

function isRead(value: unknown): value is FileRead {
  const r = value as FileRead;
  return typeof r === 'object' && r !== null && ['text', 'head', 'analysis', 'stat'].includes(r.kind) && typeof r.path === 'string'
    && (r.key === undefined || isKey(r.key)) && (r.hash === undefined || typeof r.hash === 'string') && (r.content === undefined || typeof r.content === 'string') && (r.length === undefined || typeof r.length === 'number');
}

export class ReportMemo {
  private readonly spec: CacheFileSpec;
  /** How the last lookup went, for `REPOLISH_DEBUG=cache`. */
  outcome: 'hit' | 'miss' | 'none' = 'none';
  /** Files of the last lookup whose key had changed: read again, and of those analysed again. */
  filesReadAgain = 0;
  analysedAgain = 0;

  private constructor(
    private readonly root: string,
    folder: string,
    variant: string,
    settings: CacheFolderSettings,
  ) {
    this.spec = { file: cacheFilePath(folder, root, `report-${variant}`), root, analyser: `report-${MEMO_VERSION}`, label: 'report memo', warn: settings.warn };
  }

  /**
   * The memo of `root`'s scans with these inputs (options, configuration, format: each set has a
   * file of its own), or undefined when the cache is off or cannot work here.
   */
  static open(root: string, settings: CacheFolderSettings, inputs: unknown): ReportMemo | undefined {
    const folder = openCacheFolder(root, folderToldElsewhere(settings));
    if (folder === undefined) return undefined;
    // The tool's build is in the digest, not in the name: a rebuilt tool replaces its memo instead of adding one.
    const { code: _build, ...options } = inputs as Record<string, unknown>;
    const variant = createHash('sha256').update(JSON.stringify(options)).digest('hex').slice(0, 16);
    return new ReportMemo(root, folder, variant, settings);
  }

  /**
   * The remembered outcome when the digest and every file read still check out. The digest is
   * asked for only when there is a memo to compare it with (a first scan makes it later).
   */
  async lookup(facts: RepoFacts, digest: () => string): Promise<ScanOutcome | undefined> {
    this.outcome = 'miss';
    const body = readCacheFile(this.spec) as MemoBody | undefined;
    if (!body || body.digest !== digest() || !Array.isArray(body.reads) || !body.reads.every(isRead) || typeof body.outcome?.report !== 'string') return undefined;
    const racy = racyAgainst(nowNs());
    let changed = false;
    for (const read of body.reads) {
      const before = currentFileKey(this.root, read.path);
      if (read.key && before && sameKey(read.key, before)) continue;
      // The key changed (or could not vouch): the file must still give what it gave.
      this.filesReadAgain += 1;
      if (read.kind === 'stat' || read.hash === undefined || (await this.readAgain(facts, read)) !== read.hash) return undefined;
      // Kept with its new key, so that the next scan need not read it again (a file that is still
      // missing or too new has none, and does not make the memo be written again).
      const next = before && !racy(before) ? before : undefined;
      if (next !== undefined || read.key !== undefined) {
        read.key = next;
        changed = true;
      }
    }
    if (changed) writeCacheFile(this.spec, body, 'the next scan checks those files again');
    this.outcome = 'hit';
    return body.outcome;
  }

  /** What reading `read`'s file the same way gives now, as its hash (undefined: it cannot be read that way). */
  private async readAgain(facts: RepoFacts, read: FileRead): Promise<string | undefined> {
    switch (read.kind) {
      case 'text':
        try {
          return hashBytes(readProjectFile(this.root, read.path, MAX_TEXT_BYTES));
        } catch (err) {
          return err instanceof ProjectFileError ? hashProblem(err) : undefined;
        }
      case 'head':
        return hashBytes(readProjectFileHead(this.root, read.path, read.length ?? 0));
      case 'analysis': {
        // The same bytes give the same analysis: only other bytes are analysed again.
        if (read.content !== undefined) {
          try {
            if (hashBytes(readProjectFile(this.root, read.path, MAX_TEXT_BYTES)) === read.content) return read.hash;
          } catch {
            return undefined;
          }
        }
        // Loaded only here: a memo whose files are all unchanged never needs the analyser.
        this.analysedAgain += 1;
        const [{ readPythonText }, { analyseText }] = await Promise.all([import('../deps/python-file.js'), import('../deps/imports.js')]);
        const text = readPythonText(this.root, read.path, facts.file(read.path)?.file.size ?? -1);
        if (text === undefined) return undefined;
        read.content = text.content;
        return hashAnalysis(analyseText(text.text, read.path));
      }
      default:
        return undefined;
    }
  }

  /** Keeps `outcome` for the next scan with the same digest, with what `reads` logged. */
  store(digest: string, reads: ReadLog, outcome: ScanOutcome): void {
    const body: MemoBody = { digest, reads: reads.list(), outcome };
    writeCacheFile(this.spec, body, 'the next scan runs in full');
  }
}
