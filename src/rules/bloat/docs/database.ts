/** `bloat/database`: title and documentation. */
import type { RuleDocumentation } from '../../docs.js';

const database: RuleDocumentation = {
  title: 'Local database file',
  docs: {
    what: 'A database file (SQLite, DuckDB, LMDB, Redis dump) recognized by its magic bytes; a `notes.db` that is not a database is not reported.',
    why: 'Local databases hold user data and change on every run: in git they conflict and leak data, in images they ship someone\'s data.',
    fix: 'Ignore it (`fix`); keep a copy elsewhere before `clean --include data --yes`.',
    example: '`users.db`: SQLite database',
  },
};

export default database;
