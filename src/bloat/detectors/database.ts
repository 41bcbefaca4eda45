import { extensionOf, type BloatDetector } from '../detector.js';
import type { RepoFacts } from '../../model/facts.js';

const CANDIDATE_EXTENSIONS = new Set(['db', 'sqlite', 'sqlite3', 'db3', 's3db', 'sl3', 'duckdb', 'rdb', 'mdb', 'ldb', 'realm']);

/** A local database file, by magic bytes: SQLite, DuckDB, Redis dumps, LMDB. */
export function databaseKind(facts: RepoFacts, path: string, name: string): string | undefined {
  const ext = extensionOf(name);
  if (!CANDIDATE_EXTENSIONS.has(ext) && name !== 'dump.rdb') return undefined;
  const head = facts.readHead(path, 16);
  if (head.toString('latin1') === 'SQLite format 3\0') return 'SQLite database';
  if (head.subarray(8, 12).toString('latin1') === 'DUCK') return 'DuckDB database';
  if (head.subarray(0, 5).toString('latin1') === 'REDIS') return 'Redis dump';
  if (ext === 'mdb' && head.length >= 16 && head.readUInt32LE(12) === 0xbeefc0de) return 'LMDB database';
  return undefined;
}

/** Local databases, recognized by content (a `users.db` that is not SQLite is not reported). */
export const database: BloatDetector = {
  rule: 'bloat/database',
  clean: 'data',
  summary: 'local database files (SQLite, DuckDB, LMDB, Redis dumps) recognized by magic bytes',
  severity: 'warning',
  title: 'Local database file',
  docs: {
    what: 'A database file (SQLite, DuckDB, LMDB, Redis dump) recognized by its magic bytes; a `notes.db` that is not a database is not reported.',
    why: 'Local databases hold user data and change on every run: in git they conflict and leak data, in images they ship someone\'s data.',
    fix: 'Ignore it (`fix`); keep a copy elsewhere before `clean --include data --yes`.',
    example: '`users.db`: SQLite database',
  },
  heading: 'Local databases',
  color: '#6a4c93',
  gitignore: {
    group: 'Local databases and vector stores',
    filePattern: ({ ext, anchored, escape }) => (ext ? `*.${escape(ext, false)}` : anchored),
  },
  dockerignore: { group: 'Local data', files: 'by-extension' },
  matchDir(dir) {
    // LevelDB / RocksDB stores: CURRENT + MANIFEST-* + *.ldb or *.sst.
    const names = new Set(dir.files.map((f) => f.name));
    if (names.has('CURRENT') && dir.files.some((f) => f.name.startsWith('MANIFEST-')) && dir.files.some((f) => /\.(ldb|sst)$/.test(f.name))) {
      return { description: 'LevelDB/RocksDB database folder' };
    }
    return undefined;
  },
  matchFile(file, path, _dir, { facts }) {
    if (file.kind !== 'file') return undefined;
    const kind = databaseKind(facts, path, file.name);
    return kind ? { description: kind } : undefined;
  },
};
