/**
 * What a scan read after its walk, and what each read gave: the report memo
 * (src/cache/report-memo.ts) may reuse a report only while every file it depended on still gives
 * the same. Each read is kept with the file's key taken before the read (file-key.ts) and a hash
 * of what the scan took from the file: its bytes (a text or a head read), or the analysis a cache
 * or a worker gave for it. Rules never touch the disk, so the facts' readers, the import analysis
 * and the virtualenv summaries are every way a file's content reaches a report.
 */
import { createHash } from 'node:crypto';
import { nowNs, racyAgainst, type FileKey } from './file-key.js';

/**
 * `text`: the whole file (facts.readText); `head`: its first `length` bytes (facts.readHead);
 * `analysis`: the import analysis of it; `stat`: a summary trusted by its key alone.
 */
export type ReadKind = 'text' | 'head' | 'analysis' | 'stat';

export interface FileRead {
  kind: ReadKind;
  path: string;
  /** `head`: how many bytes were asked for. */
  length?: number;
  /** The key before the read; none when there was no regular file or the key was racy: checked by reading again. */
  key?: FileKey;
  /** What the read gave (see hashBytes, hashProblem, hashValue); none for `stat`. */
  hash?: string;
  /** `analysis`: the hash of the bytes it was made from, when known (a file whose bytes are the same needs no new analysis). */
  content?: string;
}

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64');
}

/** A read that failed: the same failure again is the same answer. */
export function hashProblem(err: { problem: string; reason: string }): string {
  return `!${err.problem}: ${err.reason}`;
}

export function hashValue(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('base64');
}

/** An import analysis as the rules see it (without the hash of the bytes it came from). */
export function hashAnalysis(analysis: { content?: string }): string {
  const { content: _bytes, ...seen } = analysis;
  return hashValue(seen);
}

export class ReadLog {
  private readonly reads = new Map<string, FileRead>();
  /** isRacy against the log's clock, asked for every file a scan reads. */
  private readonly racy = racyAgainst(nowNs());
  /** Copies of a file share one analysis object (import-worker.ts): it is hashed once. */
  private readonly analysisHashes = new WeakMap<object, string>();

  private add(read: FileRead): void {
    if (read.key && this.racy(read.key)) delete read.key;
    this.reads.set(`${read.kind}\0${read.length ?? ''}\0${read.path}`, read);
  }

  text(path: string, key: FileKey | undefined, hash: string): void {
    this.add({ kind: 'text', path, key, hash });
  }

  head(path: string, length: number, key: FileKey | undefined, hash: string): void {
    this.add({ kind: 'head', path, length, key, hash });
  }

  /** The import analysis of `path` (from the cache or a worker), made from the file as `key` described it; `hash`: its hashAnalysis, when a worker made it. */
  analysis(path: string, key: FileKey | undefined, analysis: { content?: string }, hash = this.analysisHashes.get(analysis)): void {
    if (hash === undefined) this.analysisHashes.set(analysis, (hash = hashAnalysis(analysis)));
    this.add({ kind: 'analysis', path, key, hash, content: analysis.content });
  }

  /** A summary a cache gave for `path` under `key`, without reading it. */
  stat(path: string, key: FileKey | undefined): void {
    this.add({ kind: 'stat', path, key });
  }

  list(): FileRead[] {
    return [...this.reads.values()];
  }
}
