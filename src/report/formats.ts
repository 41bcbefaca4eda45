/** The report formats' names, apart from their renderers (report/index.ts), which load most of the tool. */
export const REPORT_FORMATS = ['text', 'json', 'markdown', 'sarif', 'html', 'github', 'gitlab'] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];
