import type { Edit as TextEdit } from '../text/edit.js';

/** Edits to one file (path relative to the root); `create` makes a new file from the edits. */
export interface FileEdits {
  path: string;
  edits: TextEdit[];
  create?: boolean;
}
