/**
 * The prune-requirements cases (cases/<case>/), through the shared case suite
 * (test/helpers/codemod-suite.ts). They hold packages a program needs at run time without
 * importing them (a FastAPI form, a transformers device map, a LangChain loader, a server started
 * by `bash -lc`), a Latin-1 source that imports its packages, and a package that alone brings an
 * import: each stays, while the package nothing needs goes. Others keep every other byte of a
 * manifest (comments, hashes, continuations, CRLF), and keep development tools unless
 * `tools=yes`, saying so for a generated file.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeCases } from '../../test/helpers/codemod-suite.js';
import { pruneRequirements } from './index.js';

describeCases(pruneRequirements, join(fileURLToPath(new URL('.', import.meta.url)), 'cases'), { minCases: 6 });
