/**
 * Git-style unified diffs (a/ and b/ prefixes, new and deleted files, binary deletions) that
 * `git apply --check` and `patch -p1` accept. Hunks come from the `diff` library; the headers,
 * path quoting and binary literals are git's formats, written here.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { structuredPatch } from 'diff';
import { changeStatus, isNoop, type FileChange } from './change.js';

const CONTEXT_LINES = 3;

/** Git quotes a path holding `"`, `\`, control or non-ASCII bytes, as a C string of octal escapes. */
export function quotePath(path: string): string {
  const bytes = Buffer.from(path, 'utf8');
  let needsQuote = false;
  let out = '';
  for (const b of bytes) {
    if (b === 0x22 || b === 0x5c) { out += '\\' + String.fromCharCode(b); needsQuote = true; }
    else if (b === 0x0a) { out += '\\n'; needsQuote = true; }
    else if (b === 0x09) { out += '\\t'; needsQuote = true; }
    else if (b < 0x20 || b >= 0x7f) { out += '\\' + b.toString(8).padStart(3, '0'); needsQuote = true; }
    else out += String.fromCharCode(b);
  }
  return needsQuote ? `"${out}"` : out;
}

function prefixed(prefix: 'a/' | 'b/', path: string): string {
  const quoted = quotePath(path);
  return quoted.startsWith('"') ? `"${prefix}${quoted.slice(1)}` : prefix + quoted;
}

function isBinary(content: string | Buffer | null): boolean {
  if (content === null) return false;
  if (typeof content === 'string') return content.includes('\0');
  if (content.includes(0)) return true;
  // Invalid UTF-8 cannot round-trip through a text hunk.
  return Buffer.compare(Buffer.from(content.toString('utf8'), 'utf8'), content) !== 0;
}

function asText(content: string | Buffer | null): string {
  if (content === null) return '';
  return typeof content === 'string' ? content : content.toString('utf8');
}

function blobId(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

const B85 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~';

/** One `literal` block of a git binary patch: zlib data in base85 lines of at most 52 bytes. */
function binaryLiteral(content: Buffer): string {
  const data = deflateSync(content);
  let out = `literal ${content.length}\n`;
  for (let pos = 0; pos < data.length; pos += 52) {
    const chunk = data.subarray(pos, pos + 52);
    const len = chunk.length;
    out += len <= 26 ? String.fromCharCode(65 + len - 1) : String.fromCharCode(97 + len - 27);
    for (let i = 0; i < len; i += 4) {
      let acc = 0;
      for (let j = 0; j < 4; j++) acc = acc * 256 + (i + j < len ? chunk[i + j] : 0);
      let group = '';
      for (let k = 0; k < 5; k++) { group = B85[acc % 85] + group; acc = Math.floor(acc / 85); }
      out += group;
    }
    out += '\n';
  }
  return out + '\n';
}

function header(change: FileChange): string {
  const status = changeStatus(change);
  let out = `diff --git ${prefixed('a/', change.path)} ${prefixed('b/', change.path)}\n`;
  const mode = change.mode ?? '100644';
  if (status === 'added') out += `new file mode ${mode}\n`;
  if (status === 'deleted') out += `deleted file mode ${mode}\n`;
  return out;
}

function binaryDiff(change: FileChange): string {
  const before = change.before === null ? Buffer.alloc(0) : Buffer.from(change.before);
  const after = change.after === null ? Buffer.alloc(0) : Buffer.from(change.after);
  const zero = '0'.repeat(40);
  const oldId = change.before === null ? zero : blobId(before);
  const newId = change.after === null ? zero : blobId(after);
  // git apply needs full object ids to accept a binary patch.
  return header(change) + `index ${oldId}..${newId}\nGIT binary patch\n` + binaryLiteral(after) + binaryLiteral(before);
}

/** Unified-diff range: an empty side names the line before it, as diff(1) and git write it. */
function hunkRange(start: number, lines: number): string {
  if (lines === 1) return `${start}`;
  return `${lines === 0 ? start - 1 : start},${lines}`;
}

function textDiff(change: FileChange): string {
  const status = changeStatus(change);
  const oldText = asText(change.before);
  const newText = asText(change.after);
  const patch = structuredPatch('a', 'b', oldText, newText, undefined, undefined, { context: CONTEXT_LINES });
  if (patch.hunks.length === 0 && status === 'modified') return '';
  let out = header(change);
  if (patch.hunks.length === 0) return out; // an empty file added or deleted
  out += `--- ${status === 'added' ? '/dev/null' : prefixed('a/', change.path)}\n`;
  out += `+++ ${status === 'deleted' ? '/dev/null' : prefixed('b/', change.path)}\n`;
  for (const hunk of patch.hunks) {
    out += `@@ -${hunkRange(hunk.oldStart, hunk.oldLines)} +${hunkRange(hunk.newStart, hunk.newLines)} @@\n`;
    for (const line of hunk.lines) out += line + '\n';
  }
  return out;
}

/** One file's diff, or '' when the change changes nothing. */
export function diffChange(change: FileChange): string {
  if (isNoop(change)) return '';
  return isBinary(change.before) || isBinary(change.after) ? binaryDiff(change) : textDiff(change);
}

/** The whole patch, files in path order so output is stable. */
export function createPatch(changes: readonly FileChange[]): string {
  return [...changes]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map(diffChange)
    .join('');
}
