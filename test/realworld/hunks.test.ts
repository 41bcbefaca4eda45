import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManifest, readReviews } from '../../realworld/corpus.js';
import { removedNames, splitHunks } from '../../realworld/hunks.js';

const PATCH = [
  'diff --git a/app/llm.py b/app/llm.py',
  '--- a/app/llm.py',
  '+++ b/app/llm.py',
  '@@ -3,7 +3,5 @@ import os',
  ' import json',
  '-from chat.backends import LocalBackend, make_client as build',
  '-RETRY_LIMIT = 3',
  ' ',
  ' def answer(q):',
  '-    return build().ask(q)',
  '+    return None',
  '@@ -20,3 +18,2 @@ def other():',
  ' x = 1',
  '-def helper():',
  '     pass',
  'diff --git "a/caf\\303\\251.js" "b/caf\\303\\251.js"',
  'deleted file mode 100644',
  '--- "a/caf\\303\\251.js"',
  '+++ /dev/null',
  '@@ -1,2 +0,0 @@',
  '-export const handler = () => 1;',
  '-function wire() {}',
  '',
].join('\n');

describe('the real-code harness', () => {
  it('lists a binary patch (a UTF-16 file) as one hunk at line 0 instead of dropping it', () => {
    const patch = ['diff --git a/req.txt b/req.txt', 'index 1111111..2222222 100644', 'GIT binary patch', 'literal 12', 'zcmZ?wbhEHb', '', 'literal 10', 'zcmZ?wbhE', ''].join('\n');
    expect(splitHunks(patch).map((h) => [h.path, h.line, h.text])).toEqual([['req.txt', 0, 'GIT binary patch']]);
  });
  it('splits a patch into hunks with the first changed original line and decodes quoted paths', () => {
    const hunks = splitHunks(PATCH);
    expect(hunks.map((h) => [h.path, h.status, h.line])).toEqual([
      ['app/llm.py', 'modified', 4],
      ['app/llm.py', 'modified', 21],
      ['café.js', 'deleted', 1],
    ]);
    expect(hunks[0].removed).toHaveLength(3);
    expect(hunks[0].added).toEqual(['    return None']);
  });

  it('names what removed lines defined or imported, not what the hunk defines again', () => {
    const [first, second, js] = splitHunks(PATCH);
    expect(removedNames(first).sort()).toEqual(['LocalBackend', 'RETRY_LIMIT', 'build']);
    expect(removedNames(second)).toEqual(['helper']);
    expect(removedNames(js).sort()).toEqual(['handler', 'wire']);
    const moved = splitHunks(PATCH.replace('+    return None', '+RETRY_LIMIT = 4'))[0];
    expect(removedNames(moved)).not.toContain('RETRY_LIMIT');
  });

  it('reads the manifest and the verdicts, refusing malformed rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'realworld-'));
    const manifest = join(dir, 'm.tsv');
    writeFileSync(manifest, `repo\tcommit\tkind\tnote\nacme/app\t${'a'.repeat(40)}\tflask\tuses ollama\n`);
    expect(readManifest(manifest)).toEqual([{ repo: 'acme/app', commit: 'a'.repeat(40), kind: 'flask', note: 'uses ollama' }]);
    writeFileSync(manifest, 'repo\tcommit\tkind\tnote\nacme/app\tmain\tflask\t\n');
    expect(() => readManifest(manifest)).toThrow(/40 hex/);
    const reviews = join(dir, 'r.tsv');
    writeFileSync(reviews, 'repo\tpath\tline\tkind\tverdict\tnote\nacme/app\tapp.py\t12\thunk\tcorrect\tok\n');
    expect(readReviews(reviews)[0]).toMatchObject({ line: 12, verdict: 'correct' });
    writeFileSync(reviews, 'repo\tpath\tline\tkind\tverdict\tnote\nacme/app\tapp.py\t12\thunk\tfine\t\n');
    expect(() => readReviews(reviews)).toThrow(/verdict "fine"/);
  });
});
