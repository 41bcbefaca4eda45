/** The HTML report's stylesheet, inlined: system fonts, no network. */
export const REPORT_CSS = `
:root { --fg: #1d2733; --muted: #5b6875; --line: #d9dee4; --bg: #f6f7f9; --card: #fff; --accent: #2f5f8a; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 18px 28px 10px; background: #1f2f40; color: #fff; }
header h1 { margin: 0 0 4px; font-size: 20px; font-weight: 600; }
header .summary { margin: 0; font-size: 15px; }
header .root { margin: 2px 0 0; color: #b9c6d3; font-size: 12px; word-break: break-all; }
nav { padding: 6px 28px; background: #26394d; }
nav a { color: #d6e2ee; margin-right: 18px; text-decoration: none; font-size: 13px; }
nav a:hover { text-decoration: underline; }
main { padding: 8px 28px 40px; }
section { margin-top: 22px; }
h2 { font-size: 17px; margin: 0 0 10px; }
code, pre, .rule, .path { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.crumbs { margin-bottom: 6px; }
.crumb { background: none; border: 0; padding: 2px 4px; color: var(--accent); cursor: pointer; font: inherit; }
.crumb:disabled { color: var(--fg); font-weight: 600; cursor: default; }
.sep, .crumb-size { color: var(--muted); }
.map-wrap { display: grid; grid-template-columns: minmax(0, 1fr) 320px; gap: 14px; }
#treemap { position: relative; height: 520px; background: #e3e7ec; border: 1px solid var(--line); overflow: hidden; user-select: none; }
.tm-node { position: absolute; overflow: hidden; border: 1px solid rgba(255, 255, 255, 0.55); cursor: pointer; }
.tm-node:hover { filter: brightness(1.12); }
.tm-dir { box-shadow: inset 0 0 0 1px rgba(0, 0, 0, 0.18); }
.tm-bloat-root { border: 2px solid rgba(0, 0, 0, 0.45); }
.tm-tracked { outline: 2px dashed #d7263d; outline-offset: -3px; }
.tm-aggregate { background-image: repeating-linear-gradient(45deg, rgba(255,255,255,0.35) 0 4px, transparent 4px 8px) !important; }
.tm-selected { outline: 3px solid #ffd400 !important; outline-offset: -3px; z-index: 1; }
.tm-label { color: #fff; font-size: 11px; line-height: 14px; padding: 1px 4px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; text-shadow: 0 1px 1px rgba(0, 0, 0, 0.5); pointer-events: none; }
#details { background: var(--card); border: 1px solid var(--line); padding: 12px 14px; height: 520px; overflow: auto; }
#details h3 { margin: 0 0 8px; font-size: 14px; word-break: break-all; font-family: ui-monospace, Menlo, Consolas, monospace; }
#details dl { display: grid; grid-template-columns: 70px 1fr; gap: 3px 8px; margin: 0 0 8px; }
#details dt { color: var(--muted); }
#details dd { margin: 0; word-break: break-word; }
#details h4 { margin: 10px 0 4px; font-size: 13px; }
.detail-findings { list-style: none; padding: 0; margin: 0; }
.detail-findings li { border-top: 1px solid var(--line); padding: 6px 0; }
.detail-findings code { margin-left: 6px; }
.detail-findings .fix, .note, .card-note { color: var(--muted); font-size: 12.5px; }
.zoom, .show-all, #copy-patch, .path-link { font: inherit; }
.zoom, #copy-patch, .show-all { margin-top: 8px; padding: 5px 10px; border: 1px solid var(--accent); background: #fff; color: var(--accent); border-radius: 4px; cursor: pointer; }
.legend { margin-top: 8px; display: flex; flex-wrap: wrap; gap: 6px 16px; font-size: 12px; color: var(--muted); }
.legend-group strong { color: var(--fg); font-weight: 600; margin-right: 4px; }
.legend-item { margin-right: 8px; white-space: nowrap; }
.swatch { display: inline-block; width: 11px; height: 11px; margin-right: 4px; vertical-align: -1px; border-radius: 2px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; min-width: 210px; max-width: 330px; }
.card-title { font-weight: 600; }
.card-amount { font-size: 22px; font-weight: 600; color: #1f6f43; margin: 2px 0; }
.card-command { display: block; color: var(--accent); margin-bottom: 4px; }
.filters { display: flex; gap: 10px; align-items: center; margin-bottom: 8px; flex-wrap: wrap; }
.filters select, .filters input { font: inherit; padding: 4px 6px; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
.filters input { min-width: 260px; }
table { border-collapse: collapse; width: 100%; background: var(--card); border: 1px solid var(--line); }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef1f4; font-weight: 600; white-space: nowrap; }
th[data-key] { cursor: pointer; }
th[aria-sort=ascending]::after { content: " ▲"; }
th[aria-sort=descending]::after { content: " ▼"; }
td.num { text-align: right; white-space: nowrap; }
td.path { min-width: 16em; max-width: 28em; }
td.rule { white-space: nowrap; }
td.msg { min-width: 240px; }
td.fix { color: var(--muted); min-width: 200px; }
.path-link { background: none; border: 0; padding: 0; color: var(--accent); cursor: pointer; text-align: left; overflow-wrap: anywhere; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12.5px; }
.sev { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 11.5px; color: #fff; }
.sev-error { background: #c62f3b; }
.sev-warning { background: #d9822b; }
.sev-info { background: #5a7ea8; }
#patch { background: #fff; border: 1px solid var(--line); padding: 10px 12px; overflow: auto; max-height: 480px; white-space: pre; }
.d-add { color: #17692f; }
.d-del { color: #a3222c; }
.d-hunk { color: #6b4fa3; }
.d-file { font-weight: 600; }
tr.restated td { border-top: none; color: var(--muted); }
tr.restated td.rule { padding-left: 18px; }
@media (max-width: 900px) { .map-wrap { grid-template-columns: 1fr; } #details { height: auto; } }
`;
