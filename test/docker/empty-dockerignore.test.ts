/**
 * dockerMatcher answers an ignore text without patterns (no ignore file, or only blank lines)
 * without the library: the same verdict as @balena/dockerignore gives, for plain and odd paths.
 */
import dockerignoreModule from '@balena/dockerignore';
import { describe, expect, it } from 'vitest';
import { dockerMatcher } from '../../src/docker/build-contexts.js';

const dockerignore = ((dockerignoreModule as unknown as { default?: typeof dockerignoreModule }).default ?? dockerignoreModule) as unknown as (options?: { ignorecase?: boolean }) => { add(p: string): { ignores(path: string): boolean } };

const PATHS = ['', 'a', 'a/b', '.git', '.', '..', 'constructor', '__proto__', 'toString', 'a/constructor', 'a\nb', ' x', 'x/', '/abs'];

describe('a Docker ignore text without patterns', () => {
  for (const text of ['', '\n', '  \n\t\n', '\r\n\r\n', '\u00a0\n']) {
    it(`matches what the library says for ${JSON.stringify(text)}`, () => {
      const library = dockerignore({ ignorecase: false }).add(text);
      const ours = dockerMatcher(text);
      for (const path of PATHS) expect(ours(path), JSON.stringify(path)).toBe(library.ignores(path));
    });
  }
});
