/** A hand-written SVG line chart: median wall time against repository size, one line per tool. */

export interface Series {
  label: string;
  /** [files, seconds] pairs. */
  points: Array<[number, number]>;
}

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];

function niceStep(range: number, ticks: number): number {
  const raw = range / ticks;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const norm = raw / mag;
  return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function fmtFiles(n: number): string {
  return n >= 1000 ? `${Math.round(n / 1000)}k` : String(n);
}

export function lineChart(title: string, series: Series[], yLabel = 'median wall time (s)'): string {
  const width = 720;
  const height = 420;
  const m = { left: 64, right: 210, top: 44, bottom: 56 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const all = series.flatMap((s) => s.points);
  const xMax = Math.max(1, ...all.map((p) => p[0]));
  const yMaxRaw = Math.max(0.001, ...all.map((p) => p[1]));
  const yMinRaw = Math.max(0.001, Math.min(...all.map((p) => p[1])));
  // Times that span more than a factor of 20 (find vs a slow scan) get a logarithmic axis, so the
  // fast tools do not all sit on the zero line.
  const log = yMaxRaw / yMinRaw > 20;
  const xStep = niceStep(xMax, 5);
  const yStep = niceStep(yMaxRaw, 5);
  const xTop = Math.ceil(xMax / xStep) * xStep;
  const yTop = Math.ceil(yMaxRaw / yStep) * yStep;
  const decadeLow = Math.floor(Math.log10(yMinRaw));
  const decadeHigh = Math.ceil(Math.log10(yMaxRaw));
  const x = (v: number) => m.left + (v / xTop) * plotW;
  const y = log
    ? (v: number) => m.top + plotH - ((Math.log10(Math.max(v, 1e-6)) - decadeLow) / (decadeHigh - decadeLow)) * plotH
    : (v: number) => m.top + plotH - (v / yTop) * plotH;
  const yTicks: number[] = [];
  if (log) for (let d = decadeLow; d <= decadeHigh; d++) yTicks.push(Math.pow(10, d));
  else for (let v = 0; v <= yTop + 1e-9; v += yStep) yTicks.push(v);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${m.left}" y="24" font-size="15" font-weight="bold">${escape(title)}</text>`);
  for (const v of yTicks) {
    const yy = y(v).toFixed(1);
    out.push(`<line x1="${m.left}" y1="${yy}" x2="${m.left + plotW}" y2="${yy}" stroke="#e0e0e0"/>`);
    out.push(`<text x="${m.left - 8}" y="${yy}" text-anchor="end" dominant-baseline="middle">${Number(v.toPrecision(6))}</text>`);
  }
  for (let v = 0; v <= xTop + 1e-9; v += xStep) {
    const xx = x(v).toFixed(1);
    out.push(`<line x1="${xx}" y1="${m.top}" x2="${xx}" y2="${m.top + plotH}" stroke="#f0f0f0"/>`);
    out.push(`<text x="${xx}" y="${m.top + plotH + 18}" text-anchor="middle">${fmtFiles(v)}</text>`);
  }
  out.push(`<line x1="${m.left}" y1="${m.top + plotH}" x2="${m.left + plotW}" y2="${m.top + plotH}" stroke="#333"/>`);
  out.push(`<line x1="${m.left}" y1="${m.top}" x2="${m.left}" y2="${m.top + plotH}" stroke="#333"/>`);
  out.push(`<text x="${m.left + plotW / 2}" y="${height - 14}" text-anchor="middle">files in the repository</text>`);
  out.push(`<text transform="translate(18 ${m.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escape(yLabel + (log ? ', log scale' : ''))}</text>`);
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const pts = [...s.points].sort((a, b) => a[0] - b[0]);
    if (pts.length > 1) {
      out.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.map((p) => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(' ')}"/>`);
    }
    for (const p of pts) out.push(`<circle cx="${x(p[0]).toFixed(1)}" cy="${y(p[1]).toFixed(1)}" r="3.5" fill="${color}"><title>${escape(s.label)}: ${p[1].toFixed(3)} s at ${p[0]} files</title></circle>`);
    const ly = m.top + 10 + i * 20;
    out.push(`<line x1="${width - m.right + 16}" y1="${ly}" x2="${width - m.right + 40}" y2="${ly}" stroke="${color}" stroke-width="2"/>`);
    out.push(`<text x="${width - m.right + 46}" y="${ly}" dominant-baseline="middle">${escape(s.label)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
