/**
 * File names as the file system has them: bytes. A name that is valid UTF-8 is its decoded
 * string; a name that is not keeps every invalid byte as a lone surrogate U+DC80..U+DCFF (the
 * "surrogateescape" of Python), which valid UTF-8 never decodes to. So two different byte names
 * never become one string, and the bytes come back exactly for lstat, unlink and git.
 */

function isContinuation(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0xc0) === 0x80;
}

/** The length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there starts none. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i];
  if (b0 < 0x80) return 1;
  if (b0 >= 0xc2 && b0 <= 0xdf) return isContinuation(bytes[i + 1]) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const b1 = bytes[i + 1];
    if (!isContinuation(b1) || !isContinuation(bytes[i + 2])) return 0;
    if (b0 === 0xe0 && b1! < 0xa0) return 0; // overlong
    if (b0 === 0xed && b1! >= 0xa0) return 0; // UTF-16 surrogates are not characters
    return 3;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const b1 = bytes[i + 1];
    if (!isContinuation(b1) || !isContinuation(bytes[i + 2]) || !isContinuation(bytes[i + 3])) return 0;
    if (b0 === 0xf0 && b1! < 0x90) return 0; // overlong
    if (b0 === 0xf4 && b1! >= 0x90) return 0; // above U+10FFFF
    return 4;
  }
  return 0;
}

/** Whether `bytes` is valid UTF-8 (a name that needs no escaping). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length;) {
    const n = sequenceLength(bytes, i);
    if (n === 0) return false;
    i += n;
  }
  return true;
}

/** A file name's bytes as a string that maps back to exactly these bytes (see the top of the file). */
export function decodeName(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  // Fast path: nothing was replaced (or a genuine U+FFFD was in the name).
  if (!text.includes('\uFFFD') || isValidUtf8(bytes)) return text;
  let out = '';
  let start = 0;
  for (let i = 0; i < bytes.length;) {
    const n = sequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out += bytes.toString('utf8', start, i) + String.fromCharCode(0xdc00 + bytes[i]);
    i += 1;
    start = i;
  }
  return out + bytes.toString('utf8', start);
}

/** Whether the string holds escaped bytes (lone surrogates from decodeName). */
export function hasEscapedBytes(name: string): boolean {
  return /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/.test(name);
}

/** The bytes a decodeName string stands for. */
export function encodeName(name: string): Buffer {
  if (!hasEscapedBytes(name)) return Buffer.from(name, 'utf8');
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < name.length; i++) {
    const unit = name.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < name.length) {
      const next = name.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i += 1; // a proper pair: an ordinary character
        continue;
      }
    }
    if (unit >= 0xdc80 && unit <= 0xdcff) {
      parts.push(Buffer.from(name.slice(start, i), 'utf8'), Buffer.from([unit - 0xdc00]));
      start = i + 1;
    }
  }
  parts.push(Buffer.from(name.slice(start), 'utf8'));
  return Buffer.concat(parts);
}

/** A path for the fs module: the string itself, or its exact bytes when it holds escaped bytes. */
export function fsPath(path: string): string | Buffer {
  return hasEscapedBytes(path) ? encodeName(path) : path;
}

const SIMPLE_ESCAPES: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '"': '\\"', '\\': '\\\\' };

/**
 * A path for one-path-per-line output: printed as is when it is plain, otherwise quoted the way
 * git quotes names (`"a\nb"`, `"a\xff.db"`), so a newline in a name never starts a new line
 * and an invalid byte never prints as a replacement character.
 */
export function displayPath(path: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(path) && !hasEscapedBytes(path) && !path.startsWith('"')) return path;
  let out = '';
  for (let i = 0; i < path.length; i++) {
    const ch = path[i];
    const unit = path.charCodeAt(i);
    if (SIMPLE_ESCAPES[ch]) out += SIMPLE_ESCAPES[ch];
    else if (unit >= 0xdc80 && unit <= 0xdcff && !(i > 0 && path.charCodeAt(i - 1) >= 0xd800 && path.charCodeAt(i - 1) <= 0xdbff)) {
      out += `\\x${(unit - 0xdc00).toString(16).padStart(2, '0')}`;
    } else if (unit < 0x20 || (unit >= 0x7f && unit <= 0x9f)) out += `\\x${unit.toString(16).padStart(2, '0')}`;
    else if (unit === 0x2028 || unit === 0x2029) out += `\\u${unit.toString(16)}`;
    else out += ch;
  }
  return `"${out}"`;
}

/** Python sources and notebooks by name: the files the import analysis reads (deps/imports.ts). */
export const PYTHON_FILE_NAME = /\.(py|pyw|ipynb)$/;
