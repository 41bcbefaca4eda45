/** Section titles of the rule categories, shared by the text and markdown reports. */
export const CATEGORY_TITLES: Record<string, string> = {
  bloat: 'Bloat',
  git: 'Git',
  ignore: 'Ignore files',
  deps: 'Dependencies',
  docker: 'Container builds',
  security: 'Security',
};
