/**
 * A scan remembers which folders it found to be real folders, so that reading thousands of files
 * in them does not check every folder again. A folder swapped for a symlink after that must still
 * never be read through; and the reads themselves keep their exact bytes and caps.
 */
import { mkdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectFacts } from '../../src/model/facts.js';
import { readProjectFile } from '../../src/model/project-file.js';
import { removeDir, tempDir, writeTree } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

describe('folders checked once per scan', () => {
  it('does not read through a folder that became a symlink after a file in it was read', () => {
    const root = tempDir();
    const outside = tempDir();
    made.push(root, outside);
    writeTree(root, { 'pkg/deep/a.txt': 'first\n', 'pkg/deep/b.txt': 'second\n' });
    writeFileSync(join(outside, 'b.txt'), 'secret from outside\n');
    const facts = collectFacts(root);
    expect(facts.readText('pkg/deep/a.txt')).toBe('first\n');
    // The checked folder is replaced by a symlink to a folder outside the root.
    renameSync(join(root, 'pkg/deep'), join(root, 'pkg/moved'));
    symlinkSync(outside, join(root, 'pkg/deep'));
    expect(facts.readText('pkg/deep/b.txt')).toBeUndefined();
    expect(facts.warnings.some((w) => w.path === 'pkg/deep/b.txt')).toBe(true);
  });

  it('reads files of every size exactly, and refuses one past the cap', () => {
    const root = tempDir();
    made.push(root);
    mkdirSync(join(root, 'd'));
    const checked = new Set<string>();
    for (const size of [0, 1, 4095, 4096, 65535, 65536, 65537, 200_000]) {
      const bytes = Buffer.alloc(size, size % 251);
      writeFileSync(join(root, 'd', `f${size}`), bytes);
      expect(readProjectFile(root, `d/f${size}`, 200_000, checked).equals(bytes)).toBe(true);
    }
    expect(() => readProjectFile(root, 'd/f200000', 199_999, checked)).toThrow(/larger than/);
  });

  it('refuses a path that leaves the root after a checked folder, or names the folder itself', () => {
    const root = tempDir();
    const outside = tempDir();
    made.push(root, outside);
    writeTree(root, { 'pkg/deep/a.txt': 'inside\n', 'pkg/b.txt': 'b\n' });
    const checked = new Set<string>();
    expect(readProjectFile(root, 'pkg/deep/a.txt', 1000, checked).toString()).toBe('inside\n');
    // pkg/deep is checked now: what follows it must still be a plain name inside the root.
    for (const rel of ['pkg/deep/..', 'pkg/deep/../../x', '/pkg/deep/a.txt']) {
      expect(() => readProjectFile(root, rel, 1000, checked)).toThrow(/not a path inside the root/);
    }
    expect(() => readProjectFile(root, 'pkg/deep/', 1000, checked)).toThrow(/not read: not a regular file/);
    expect(readProjectFile(root, 'pkg/deep/./a.txt', 1000, checked).toString()).toBe('inside\n');
    expect(readProjectFile(root, 'pkg//b.txt', 1000, checked).toString()).toBe('b\n');
  });
});
