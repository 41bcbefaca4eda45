/**
 * UTF-16 text with a byte-order mark: what Windows PowerShell's `pip freeze > requirements.txt`
 * writes. Such a file is text (decoded, edited, and written back in its own encoding and byte
 * order), not a binary file because it holds NUL bytes.
 */

export type Utf16 = 'utf-16le' | 'utf-16be';

/** The UTF-16 byte order its BOM says, if the bytes start with one (and are whole code units). */
export function utf16ByteOrder(raw: Buffer): Utf16 | undefined {
  if (raw.length < 2 || raw.length % 2 !== 0) return undefined;
  if (raw[0] === 0xff && raw[1] === 0xfe) return raw[2] === 0 && raw[3] === 0 ? undefined : 'utf-16le'; // FF FE 00 00 is UTF-32
  if (raw[0] === 0xfe && raw[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** The text after the BOM; undefined when the code units are not valid UTF-16. */
export function decodeUtf16(raw: Buffer, order: Utf16): string | undefined {
  const body = raw.subarray(2);
  try {
    return new TextDecoder(order === 'utf-16le' ? 'utf-16le' : 'utf-16be', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return undefined;
  }
}

/** The text in that byte order, with its BOM. */
export function encodeUtf16(text: string, order: Utf16): Buffer {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  return order === 'utf-16le' ? le : le.swap16();
}
