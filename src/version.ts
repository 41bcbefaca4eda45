/** repolish's version, as package.json says (a test keeps the two equal); reports carry it. */
export const VERSION = '0.1.0';

export const TOOL = { name: 'repolish', version: VERSION } as const;
