/**
 * The report memo's digest of a walk: any one thing a report can depend on, changed, gives another
 * digest (names, kinds, sizes, tracked and ignored state, link targets, folders, warnings, git,
 * ignore files, the options), and the same walk gives the same digest.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { scanDigest } from '../../src/cache/report-memo.js';
import { collectFacts, type RepoFacts } from '../../src/model/facts.js';
import { makeRepo, removeDir } from '../helpers/repo.js';

const made: string[] = [];
afterAll(() => made.forEach(removeDir));

function facts(): RepoFacts {
  const root = makeRepo({
    'app/main.py': 'import os\n',
    'data/big.bin': Buffer.alloc(5000),
    'logs/a.log': 'x\n',
    'link': { symlink: 'app/main.py' },
    '.gitignore': 'logs/\n',
  }, ['app/main.py', '.gitignore']);
  made.push(root);
  return collectFacts(root);
}

describe('scan digest', () => {
  it('is the same for the same walk and inputs, and another for anything else', () => {
    const f = facts();
    const base = scanDigest(f, { format: 'json' });
    expect(scanDigest(facts(), { format: 'json' })).not.toBe(base); // another root
    expect(scanDigest(f, { format: 'json' })).toBe(base);
    expect(scanDigest(f, { format: 'text' })).not.toBe(base);

    const file = (path: string) => f.file(path)!.file;
    const changes: Array<[string, () => () => void]> = [
      ['a size', () => { const x = file('data/big.bin'); x.size += 1; return () => { x.size -= 1; }; }],
      ['allocated bytes', () => { const x = file('data/big.bin'); x.allocated += 512; return () => { x.allocated -= 512; }; }],
      ['a name', () => { const x = file('app/main.py'); x.name = 'mein.py'; return () => { x.name = 'main.py'; }; }],
      ['tracked', () => { const x = file('data/big.bin'); x.tracked = true; return () => { x.tracked = false; }; }],
      ['ignored', () => { const x = file('app/main.py'); x.ignored = true; return () => { x.ignored = false; }; }],
      ['a kind', () => { const x = file('data/big.bin'); x.kind = 'other'; return () => { x.kind = 'file'; }; }],
      ['a link target', () => { const x = file('link'); x.target = 'app/other.py'; return () => { x.target = 'app/main.py'; }; }],
      ['a folder flag', () => { const d = f.dir('logs')!; d.unreadable = true; return () => { delete d.unreadable; }; }],
      ['a name moved between folders', () => {
        // The same names in another order of folders and files: the lengths keep them apart.
        const d = f.dir('app')!;
        const moved = d.files.pop()!;
        f.dir('data')!.files.push(moved);
        return () => { f.dir('data')!.files.pop(); d.files.push(moved); };
      }],
      ['a warning', () => { f.warnings.push({ path: 'x', message: 'y' }); return () => { f.warnings.pop(); }; }],
      ['an ignore file', () => { f.rules.sources.push('\0\0extra/\n'); return () => { f.rules.sources.pop(); }; }],
      ['skip-worktree', () => { f.skipWorktree = ['app/main.py']; return () => { delete f.skipWorktree; }; }],
      ['history', () => { f.historyObjectSizes = 'abc blob 10 x\n'; return () => { delete f.historyObjectSizes; }; }],
      ['git', () => { const git = f.git; f.git = { kind: 'none' }; return () => { f.git = git; }; }],
    ];
    for (const [what, change] of changes) {
      const undo = change();
      expect(scanDigest(f, { format: 'json' }), what).not.toBe(base);
      undo();
      expect(scanDigest(f, { format: 'json' }), `${what} undone`).toBe(base);
    }
  });
});
