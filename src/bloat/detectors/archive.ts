import { extensionOf, isPythonPackage, type BloatDetector } from '../detector.js';
import type { RepoFacts } from '../../model/facts.js';
import { snapshotFolderRule } from './snapshot-folders.js';

const TEST_DATA_FOLDER = /^(tests?|fixtures?|testdata|test_data)$/i;

/** Archive formats by their magic bytes; the extension only decides whether to look. */
const FORMATS: { name: string; extensions: RegExp; matches(head: Buffer): boolean }[] = [
  { name: 'zip', extensions: /\.zip$/i, matches: (h) => h.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1')) || h.subarray(0, 4).equals(Buffer.from('PK\x05\x06', 'latin1')) },
  { name: 'gzip', extensions: /\.(tgz|gz)$/i, matches: (h) => h[0] === 0x1f && h[1] === 0x8b },
  { name: 'bzip2', extensions: /\.(tbz2?|bz2)$/i, matches: (h) => h.subarray(0, 3).toString('latin1') === 'BZh' },
  { name: 'xz', extensions: /\.(txz|xz)$/i, matches: (h) => h.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) },
  { name: 'zstd', extensions: /\.(zst|tzst)$/i, matches: (h) => h.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd])) },
  { name: '7z', extensions: /\.7z$/i, matches: (h) => h.subarray(0, 6).equals(Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) },
  { name: 'rar', extensions: /\.rar$/i, matches: (h) => h.subarray(0, 4).toString('latin1') === 'Rar!' },
  { name: 'tar', extensions: /\.tar$/i, matches: (h) => h.subarray(257, 262).toString('latin1') === 'ustar' },
];

/** Every extension of FORMATS in one test. */
const ANY_ARCHIVE_EXTENSION = new RegExp(FORMATS.map((f) => `(?:${f.extensions.source})`).join('|'), 'i');

export function archiveFormat(facts: RepoFacts, path: string, name: string): string | undefined {
  const format = FORMATS.find((f) => f.extensions.test(name));
  if (!format) return undefined;
  return format.matches(facts.readHead(path, 264)) ? format.name : undefined;
}

/** Archive folders of retired code or data, and archive files (zip, tar.*, 7z, rar) by magic bytes. */
export const archive: BloatDetector = {
  rule: 'bloat/archive',
  clean: 'data',
  summary: 'archive folders (archive/, old/) and archive files (zip, tar.*, 7z, rar) checked by magic bytes',
  severity: 'warning',
  title: 'Archive or archive folder',
  docs: {
    what: 'Archive folders (archive/, old/) and archive files (zip, tar.*, 7z, rar) checked by magic bytes.',
    why: 'Old copies kept "just in case" are what version control is for; they are often the largest files in a tree.',
    fix: 'Ignore them (`fix`); move them to external storage or delete them with `clean --include data --yes`.',
    example: '`site.zip`: zip archive',
  },
  heading: 'Archives and archive folders',
  color: '#5e548e',
  gitignore: { group: 'Archives and old copies' },
  dockerignore: { group: 'Local data' },
  matchDir(dir) {
    // `archive/` as a Python package is code that something imports: source (snapshot-folders.ts).
    if (snapshotFolderRule(dir.name, isPythonPackage(dir), dir.fileCount) !== 'bloat/archive') return undefined;
    return { description: `archive folder, ${dir.fileCount} file${dir.fileCount === 1 ? '' : 's'} kept out of use` };
  },
  matchFile(file, path, dir, { facts }) {
    // The name first: most files have no archive extension, and their folders need not be looked at.
    if (file.kind !== 'file' || !ANY_ARCHIVE_EXTENSION.test(file.name) || extensionOf(file.name) === 'py') return undefined;
    for (let d: typeof dir | null = dir; d; d = d.parent) if (TEST_DATA_FOLDER.test(d.name)) return undefined;
    const format = archiveFormat(facts, path, file.name);
    return format ? { description: `${format} archive` } : undefined;
  },
};
