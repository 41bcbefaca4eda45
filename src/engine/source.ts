/**
 * Bytes to text and back without losing anything: a UTF-8 byte-order mark is removed for the
 * codemod and put back on write; Python files that are not UTF-8 but declare Latin-1 (PEP 263)
 * are decoded and re-encoded as Latin-1; anything else that is not valid UTF-8 is refused with a
 * reason. Line endings and indentation are detected so inserted text can match them.
 */
import { decodeUtf16, encodeUtf16, utf16ByteOrder, type Utf16 } from '../model/text-encoding.js';
import { BOM, detectEol } from '../text/lines.js';
import type { Language } from './types.js';
import { declaredEncoding } from '../python/encoding.js';

export { declaredEncoding };

export interface DecodedSource {
  text: string;
  bom: boolean;
  /** UTF-16 files (with a BOM: PowerShell's `pip freeze >`) are written back in their byte order. */
  encoding: 'utf-8' | 'latin-1' | Utf16;
  eol: '\n' | '\r\n';
  indent: string;
}

export type DecodeResult = { ok: true; source: DecodedSource } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const LATIN1 = new Set(['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'iso-latin-1', 'l1', 'cp819', '8859', 'iso8859']);

export { detectEol };

/** One indentation level: a tab if lines are tab-indented, else the smallest space indent (default four). */
export function detectIndent(text: string): string {
  let tabs = 0;
  let spaces = 0;
  let smallest = Infinity;
  for (const m of text.matchAll(/^([ \t]+)\S/gm)) {
    if (m[1].startsWith('\t')) tabs++;
    else { spaces++; smallest = Math.min(smallest, m[1].length); }
  }
  if (tabs > spaces) return '\t';
  return smallest >= 2 && smallest <= 8 ? ' '.repeat(smallest) : '    ';
}

/**
 * `eol` and `indent` are worked out when first read (each is a pass over the text): most files a
 * codemod looks at are never edited. Enumerable getters, so a structured clone (a worker's result)
 * carries the values.
 */
function withLayout(base: Omit<DecodedSource, 'eol' | 'indent'>): DecodedSource {
  let eol: DecodedSource['eol'] | undefined;
  let indent: string | undefined;
  // Getters in a literal (own and enumerable, like defineProperties, at a fraction of its cost per file).
  return {
    ...base,
    get eol() { return (eol ??= detectEol(base.text)); },
    get indent() { return (indent ??= detectIndent(base.text)); },
  };
}

export function decodeSource(raw: Buffer, language: Language): DecodeResult {
  const utf16 = utf16ByteOrder(raw);
  if (utf16) {
    // Requirement files come in UTF-16 (PowerShell); Python source never does (CPython cannot read it).
    if (language === 'python') return { ok: false, reason: `${utf16.toUpperCase()} Python source is not supported` };
    const text = decodeUtf16(raw, utf16);
    if (text === undefined) return { ok: false, reason: `not valid ${utf16.toUpperCase()}` };
    return { ok: true, source: withLayout({ text, bom: true, encoding: utf16 }) };
  }
  if ((raw[0] === 0xff && raw[1] === 0xfe) || (raw[0] === 0xfe && raw[1] === 0xff)) {
    return { ok: false, reason: 'UTF-16 text of an odd length, or UTF-32, is not supported' };
  }
  if (raw.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  const bom = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf;
  const body = bom ? raw.subarray(3) : raw;
  let text: string | undefined;
  let encoding: DecodedSource['encoding'] = 'utf-8';
  try {
    text = utf8.decode(body);
  } catch {
    const declared = language === 'python' && !bom ? declaredEncoding(raw) : undefined;
    if (declared && LATIN1.has(declared)) {
      text = body.toString('latin1');
      encoding = 'latin-1';
    } else if (declared) {
      return { ok: false, reason: `not UTF-8; it declares the encoding ${declared}, and only UTF-8 and Latin-1 files are edited` };
    } else {
      return { ok: false, reason: 'not valid UTF-8 and declares no encoding' };
    }
  }
  return { ok: true, source: withLayout({ text, bom, encoding }) };
}

/** The file's content as read, in the form the patch layer takes (text when UTF-8, else bytes). */
export function asReadContent(raw: Buffer, source: DecodedSource): string | Buffer {
  return source.encoding === 'utf-8' ? raw.toString('utf8') : raw;
}

/** New content in the file's own encoding and byte-order mark. */
export function encodeSource(source: DecodedSource, text: string): string | Buffer {
  if (source.encoding === 'latin-1') return Buffer.from(text, 'latin1');
  if (source.encoding === 'utf-16le' || source.encoding === 'utf-16be') return encodeUtf16(text, source.encoding);
  return (source.bom ? BOM : '') + text;
}

/** Whether `text` can be written back in the source's encoding without loss. */
export function encodable(source: DecodedSource, text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return source.encoding !== 'latin-1' || /^[\u0000-\u00ff]*$/.test(text);
}
