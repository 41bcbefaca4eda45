/** A proposed change to one file: the unit that fix, codemod run and clean --untrack all produce. */
export interface FileChange {
  /** Relative to the root, `/`-separated. */
  path: string;
  /** Content as read (null: the file is added). Buffers are for binary files (deletions). */
  before: string | Buffer | null;
  /** Content to write (null: the file is deleted). */
  after: string | Buffer | null;
  /** File mode for added or deleted files; defaults to 100644. */
  mode?: '100644' | '100755';
}

export type ChangeStatus = 'modified' | 'added' | 'deleted';

export function changeStatus(change: FileChange): ChangeStatus {
  if (change.before === null) return 'added';
  if (change.after === null) return 'deleted';
  return 'modified';
}

export function isNoop(change: FileChange): boolean {
  if (change.before === null || change.after === null) return false;
  return Buffer.from(change.before).equals(Buffer.from(change.after));
}
