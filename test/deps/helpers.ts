/** Facts and bloat of a real temporary repository, the way `scan` builds them. */
import { classifyBloat } from '../../src/bloat/classify.js';
import { collectFacts } from '../../src/model/facts.js';
import { DEFAULT_SETTINGS, type RuleContext } from '../../src/rules/types.js';
import { makeRepo, type Tree } from '../helpers/repo.js';

export function contextOf(root: string, settings = DEFAULT_SETTINGS): RuleContext {
  const facts = collectFacts(root);
  const bloat = classifyBloat({ facts, settings });
  return { facts, bloat, settings };
}

export function repoContext(tree: Tree, commit: string[] = []): RuleContext & { root: string } {
  const root = makeRepo(tree, commit);
  return { ...contextOf(root), root };
}
