/**
 * The container and compose files of a walked tree, found once: the build contexts and the
 * settled-volume check each asked about every name of the tree (200k on a large one) for the few
 * that are these.
 */
import { isComposeFile, isContainerFile } from '../manifests/kinds.js';
import { iterateDirs, type DirNode } from '../model/tree.js';

export interface ContainerOrComposeFile {
  dir: DirNode;
  name: string;
  container: boolean;
  compose: boolean;
}

/** Every name either kind takes (manifests/kinds.ts) has one of these in it, in any case: one test passes over the rest. */
const MAY_BE_ONE = /file|compose/i;

const found = new WeakMap<DirNode, ContainerOrComposeFile[]>();

/** The regular files named as container or compose files, in every folder (bloat too), in the order of iterateDirs. */
export function containerAndComposeFiles(tree: DirNode): ContainerOrComposeFile[] {
  let files = found.get(tree);
  if (files) return files;
  files = [];
  for (const dir of iterateDirs(tree)) {
    for (const file of dir.files) {
      if (file.kind !== 'file' || !MAY_BE_ONE.test(file.name)) continue;
      const container = isContainerFile(file.name);
      const compose = isComposeFile(file.name);
      if (container || compose) files.push({ dir, name: file.name, container, compose });
    }
  }
  found.set(tree, files);
  return files;
}
