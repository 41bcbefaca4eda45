/** The temporary repositories and folders of one test file, removed after its tests. */
import { afterAll } from 'vitest';
import { makeRepo, removeDir, tempDir, type Tree } from './repo.js';

export class Scratch {
  /** Everything made so far, in order. */
  readonly made: string[] = [];

  /** Call at the top of a test file: it registers the removal. */
  constructor() {
    afterAll(() => this.made.forEach(removeDir));
  }

  /** `path` (made some other way), removed with the rest. */
  add(path: string): string {
    this.made.push(path);
    return path;
  }

  /** A git repository with `tree` written and the `commit` paths committed (every path unless told). */
  repo(tree: Tree, commit: readonly string[] = Object.keys(tree)): string {
    return this.add(makeRepo(tree, [...commit]));
  }

  /** An empty temporary folder. */
  dir(prefix?: string): string {
    return this.add(tempDir(prefix));
  }
}
