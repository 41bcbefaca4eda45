import { formatBytes } from '../../bloat/detector.js';
import type { Finding } from '../../findings.js';
import { historyObjectSizes } from '../../model/git.js';
import type { Rule } from '../types.js';
import type { RuleDocumentation } from '../docs.js';

const DOCS: RuleDocumentation = {
  title: 'Large blob in history',
  docs: {
    what: 'A blob of 5 MB or more in any commit of the history, including files deleted since.',
    why: 'Deleting a file does not shrink the clone: the blob stays in every clone until the history is rewritten.',
    fix: 'Rewrite the history with git filter-repo (coordinate with everyone who has a clone), or accept it; repolish does not rewrite history.',
    example: '`data/dump.sql`: 6.3 MB blob in git history',
  },
};

/** Blobs at or above this size in any commit are reported. */
const HISTORY_BLOB_BYTES = 5 * 1024 * 1024;

/**
 * Large blobs anywhere in history: deleting the file does not shrink the clone.
 * Git is asked once: rev-list lists every object with a path, cat-file sizes them in one batch.
 */
const historyBlob: Rule = {
  meta: { id: 'git/history-blob', category: 'git', severity: 'warning', description: 'large blobs in git history, which every clone downloads', ...DOCS, findingBytes: 'waste', needs: ['history'] },
  check({ facts }) {
    if (!facts.repo) return [];
    let listing: string | null;
    if (facts.historyObjectSizes !== undefined) listing = facts.historyObjectSizes; // read during the walk
    else {
      try {
        listing = historyObjectSizes(facts.root);
      } catch {
        listing = null;
      }
    }
    if (listing === null) return []; // an empty repository has no history to read
    const largest = new Map<string, number>();
    for (const line of listing.split('\n')) {
      const match = line.match(/^blob (\d+) (.+)$/);
      if (!match || Number(match[1]) < HISTORY_BLOB_BYTES) continue;
      const path = match[2];
      largest.set(path, Math.max(largest.get(path) ?? 0, Number(match[1])));
    }
    const prefix = facts.repo.prefix === '' ? '' : `${facts.repo.prefix}/`;
    const findings: Finding[] = [];
    for (const [repoPath, bytes] of largest) {
      if (!repoPath.startsWith(prefix)) continue;
      const path = repoPath.slice(prefix.length);
      const inTree = facts.file(path)?.file.tracked ?? false;
      findings.push({
        rule: 'git/history-blob',
        severity: 'warning',
        path,
        bytes,
        tracked: inTree,
        message: `${formatBytes(bytes)} blob in git history${inTree ? '' : ' (deleted from the tree, still in every clone)'}`,
        fix: `rewrite history to drop it, e.g. \`git filter-repo --invert-paths --path ${repoPath}\`, then force-push and re-clone`,
      });
    }
    return findings.sort((a, b) => (b.bytes ?? 0) - (a.bytes ?? 0));
  },
};

export default historyBlob;
