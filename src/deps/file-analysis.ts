/**
 * What one file's text holds for the import analysis, as a plain value without the file's path:
 * what the persistent cache stores (src/cache/) and what a worker thread returns.
 */
export type FileAnalysis = (
  | {
    kind: 'scanned';
    /** [module, line or null, guarded 1/0] */
    imports: Array<[string, number | null, number]>;
    /** [module, line or null, via] */
    references: Array<[string, number | null, string]>;
    /** [package, line or null, detail, host or null] */
    couplings: Array<[string, number | null, string, string | null]>;
    notParsed?: string;
  }
  | { kind: 'bad-notebook' }
  | { kind: 'parse-error'; message: string }
) & {
  /**
   * The hash (read-log.ts hashBytes) of the bytes it was made from, when a worker read them: the
   * report memo then checks a file whose key changed by its bytes instead of analysing it again.
   */
  content?: string;
};
