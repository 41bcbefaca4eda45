/**
 * The one check every command that deletes, untracks, writes or commits makes first: tracking
 * must be known. A repository git cannot read (dubious ownership, corrupt state, git missing)
 * is not "no repository": its tracked files would look untracked and be deleted or rewritten.
 */
import { SafetyError } from '../errors.js';
import type { RepoState } from '../model/git.js';

/** Throws (exit 3, git's own message) unless git can say what is tracked, or there is no repository. */
export function refuseUnlessGitReadable(state: RepoState, action: string): void {
  if (state.kind === 'unreadable') {
    throw new SafetyError(`${action}: refused: git cannot read the repository at ${state.gitPath}: ${state.message} (tracking is unknown; nothing was changed)`);
  }
  if (state.kind === 'git-dir') {
    throw new SafetyError(`${action}: refused: ${state.gitDir} is a git directory; repolish never deletes or writes inside one (nothing was changed)`);
  }
}
