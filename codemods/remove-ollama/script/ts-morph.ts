/**
 * ts-morph, loaded lazily: its exports here are stand-ins that load the library on first use, so
 * that importing the script front end costs nothing until a script file is transformed.
 */
import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

// ts-morph brings the TypeScript compiler, about half a second of start-up: it is loaded when a
// script file is first transformed, not by every codemod run, worker and `codemod list`.
let tsMorph: typeof TsMorph | undefined;
const loadTsMorph = (): typeof TsMorph => (tsMorph ??= createRequire(import.meta.url)('ts-morph') as typeof TsMorph);

/** A ts-morph export that loads the library on first use. */
function deferred<T extends object>(pick: (library: typeof TsMorph) => T): T {
  return new Proxy({} as T, { get: (_, key) => Reflect.get(pick(loadTsMorph()), key) });
}

export const Node = deferred((library) => library.Node);
export type Node = TsMorph.Node;
export const SyntaxKind = deferred((library) => library.SyntaxKind);
export type SyntaxKind = TsMorph.SyntaxKind;
export const ts = deferred((library) => library.ts);
export type TsSourceFile = TsMorph.SourceFile;

let project: TsMorph.Project | undefined;

/** A script file as ts-morph's source file, in one in-memory project (`forget` it after use). */
export function parse(path: string, text: string): TsSourceFile {
  project ??= new (loadTsMorph().Project)({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true, jsx: ts.JsxEmit.Preserve }, skipFileDependencyResolution: true });
  const lower = path.toLowerCase();
  const kind = /\.tsx$/.test(lower) ? ts.ScriptKind.TSX : /\.(ts|mts|cts)$/.test(lower) ? ts.ScriptKind.TS : /\.jsx$/.test(lower) ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
  return project.createSourceFile(`/src/${path}`, text, { overwrite: true, scriptKind: kind });
}

/** Drops a parsed file from the in-memory project. */
export function forget(sf: TsSourceFile): void {
  project?.removeSourceFile(sf);
}
