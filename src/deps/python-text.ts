/**
 * Python source bytes to text for the import scan, honouring a PEP 263 encoding declaration
 * (`# -*- coding: latin-1 -*-` on line 1 or 2): a file Python itself runs must never be skipped
 * as "not valid UTF-8", or the packages it imports would look unused. The codemod engine keeps
 * its own stricter decoder (it must write the bytes back); this one only needs to read.
 */
import { declaredEncoding } from '../python/encoding.js';

export type PythonText = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

/** Python's own spellings that WHATWG decoders do not accept under the same label. */
const LATIN1 = new Set(['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'iso-latin-1', 'l1', 'cp819', '8859', 'iso8859']);
const ALIASES: Record<string, string> = { 'utf8': 'utf-8', 'utf-8-sig': 'utf-8', 'u8': 'utf-8', 'cp65001': 'utf-8', 'sjis': 'shift_jis', 'ascii': 'utf-8', 'us-ascii': 'utf-8' };

/** The encoding a Python file declares, when it declares one other than UTF-8 (lower case). */
export function nonUtf8Declaration(head: Buffer): string | undefined {
  const declared = declaredEncoding(head);
  if (!declared) return undefined;
  const label = ALIASES[declared] ?? declared;
  return label === 'utf-8' ? undefined : declared;
}

/** Decodes a Python file's bytes the way the interpreter would; a reason when it cannot. */
export function decodePython(bytes: Buffer): PythonText {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const declared = bom ? undefined : nonUtf8Declaration(bytes);
  if (bytes.includes(0)) return { ok: false, reason: 'binary file (NUL bytes)' };
  if (!declared) {
    try {
      return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
    } catch {
      return { ok: false, reason: 'not valid UTF-8 and declares no other encoding (PEP 263)' };
    }
  }
  if (LATIN1.has(declared)) return { ok: true, text: bytes.toString('latin1'), encoding: declared };
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(ALIASES[declared] ?? declared, { fatal: true });
  } catch {
    return { ok: false, reason: `declares the encoding ${declared}, which cannot be decoded here` };
  }
  try {
    return { ok: true, text: decoder.decode(bytes), encoding: declared };
  } catch {
    return { ok: false, reason: `not valid ${declared}, the encoding it declares` };
  }
}
