/**
 * The bytes a project-file read returns are the file's own: the codemod engine keeps them while
 * it works and posts them to worker threads, so a buffer with room to spare (or a slice of a
 * shared pool) would be kept and copied whole, for every file.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ProjectFileError, readProjectFile, readUserFile } from '../../src/model/project-file.js';
import { tempDir } from '../engine/helpers.js';

const t = tempDir();
afterAll(t.cleanup);

describe('reading a project file', () => {
  test.each([0, 1, 100, 5000, 70_000, 300_000])('%i bytes come back in a buffer of exactly that size', (size) => {
    const content = Buffer.alloc(size);
    for (let i = 0; i < size; i++) content[i] = 32 + (i % 90);
    writeFileSync(join(t.dir, `f${size}.py`), content);
    const bytes = readProjectFile(t.dir, `f${size}.py`, 1 << 20);
    expect(bytes.equals(content)).toBe(true);
    expect(bytes.buffer.byteLength).toBe(size);
  });

  test('a file larger than the cap is refused', () => {
    writeFileSync(join(t.dir, 'big.txt'), Buffer.alloc(2000, 65));
    expect(() => readProjectFile(t.dir, 'big.txt', 1000)).toThrow(ProjectFileError);
  });

  test.runIf(existsSync('/proc/self/status'))('a file whose size the system does not know is read to its end', () => {
    // /proc files report size 0: everything comes from reading past the expected size.
    expect(readUserFile('/proc/self/status', 1 << 20).toString('latin1')).toMatch(/^Name:/);
  });

  test.runIf(existsSync('/dev/zero'))('a file that never ends stops one byte past the cap', () => {
    expect(() => readUserFile('/dev/zero', 100_000)).toThrow(/larger than the 100000-byte limit/);
  });
});
