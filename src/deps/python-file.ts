/**
 * A project Python file read to text off the main thread (import workers). It accepts exactly
 * what the main thread's reading accepts (facts.readText, or the PEP 263 decoding when the file
 * declares an encoding) and gives up on anything else: the main thread then reads the file itself
 * and says why it could not, with the same warnings as always.
 */
import { MAX_TEXT_BYTES } from '../model/facts.js';
import { decodeUtf16, utf16ByteOrder } from '../model/text-encoding.js';
import { readProjectFile, type CheckedFolders } from '../model/project-file.js';
import { decodePython, nonUtf8Declaration } from './python-text.js';
import { hashBytes } from '../model/read-log.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The text and the hash of its bytes (read-log.ts hashBytes), or undefined when the file must be
 * read on the main thread. `size` is the walk's; `checked`: the folders already checked (project-file.ts).
 */
export function readPythonText(root: string, path: string, size: number, checked?: CheckedFolders): { text: string; content: string } | undefined {
  const read = readPythonBytes(root, path, checked);
  const text = read && decodePythonBytes(read.bytes, path, size);
  return text === undefined ? undefined : { text, content: read!.content };
}

/** The bytes and their hash, or undefined when the file must be read on the main thread. */
export function readPythonBytes(root: string, path: string, checked?: CheckedFolders): { bytes: Buffer; content: string } | undefined {
  let bytes: Buffer;
  try {
    bytes = readProjectFile(root, path, MAX_TEXT_BYTES, checked);
  } catch {
    return undefined;
  }
  return { bytes, content: hashBytes(bytes) };
}

/** The text of a Python file's bytes as the main thread would decode them, or undefined when it must read the file itself. */
export function decodePythonBytes(bytes: Buffer, path: string, size: number): string | undefined {
  const declared = path.endsWith('.ipynb') ? undefined : nonUtf8Declaration(bytes.subarray(0, 1024));
  if (declared) {
    if (bytes.length !== size) return undefined; // changed since the walk
    const decoded = decodePython(bytes);
    return decoded.ok ? decoded.text : undefined;
  }
  const order = utf16ByteOrder(bytes);
  if (order) return decodeUtf16(bytes, order);
  if (bytes.includes(0)) return undefined;
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
