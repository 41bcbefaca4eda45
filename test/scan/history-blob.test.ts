import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { makeRepo, removeDir, runGit, writeTree } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

describe('git/history-blob', () => {
  it('reports large blobs that are still in history after the file was deleted', () => {
    const big = Buffer.alloc(6 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4096) big[i] = i % 251; // not all zeros, so it is a real blob
    const root = makeRepo({ 'data/dump.sql': big, 'small.txt': 'x\n', 'app.py': 'x = 1\n' }, ['data/dump.sql', 'small.txt', 'app.py']);
    made.push(root);
    rmSync(join(root, 'data/dump.sql'));
    runGit(root, ['commit', '-qam', 'remove dump']);
    writeTree(root, { 'kept.bin': big.subarray(0, 5 * 1024 * 1024 + 1) });
    runGit(root, ['add', 'kept.bin']);
    runGit(root, ['commit', '-qm', 'add kept']);
    const findings = scan(root).findings.filter((f) => f.rule === 'git/history-blob');
    expect(findings.map((f) => [f.path, f.bytes, f.tracked])).toEqual([
      ['data/dump.sql', big.length, false],
      ['kept.bin', 5 * 1024 * 1024 + 1, true],
    ]);
    expect(findings[0].message).toContain('deleted from the tree');
  });
});
