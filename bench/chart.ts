// Draws the scaling curve as a self-contained SVG: analysis time per file against file size
// for each tool, both axes logarithmic, so "doubling size doubles time" is a 45° line.

/** One tool's curve: points of (lines, milliseconds). */
export interface Series {
  name: string;
  color: string;
  points: { lines: number; ms: number }[];
}

const WIDTH = 720;
const HEIGHT = 420;
const MARGIN = { left: 70, right: 200, top: 40, bottom: 50 };

/** An SVG line chart of the series on log-log axes. */
export function scalingChart(title: string, series: readonly Series[]): string {
  const all = series.flatMap((s) => s.points);
  const xs = all.map((p) => p.lines);
  const ys = all.map((p) => p.ms).filter((v) => v > 0);
  const [x0, x1] = [Math.log2(Math.min(...xs)), Math.log2(Math.max(...xs))];
  const [y0, y1] = [Math.floor(Math.log10(Math.min(...ys))), Math.ceil(Math.log10(Math.max(...ys)))];
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (lines: number): number => MARGIN.left + ((Math.log2(lines) - x0) / (x1 - x0 || 1)) * plotW;
  const y = (ms: number): number => MARGIN.top + plotH - ((Math.log10(ms) - y0) / (y1 - y0 || 1)) * plotH;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
  );
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`);
  parts.push(`<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`);
  for (let e = y0; e <= y1; e++) {
    const value = 10 ** e;
    parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y(value)}" y2="${y(value)}" stroke="#ddd"/>`);
    parts.push(`<text x="${MARGIN.left - 8}" y="${y(value) + 4}" text-anchor="end">${formatMs(value)}</text>`);
  }
  for (const lines of [...new Set(xs)].sort((a, b) => a - b)) {
    parts.push(`<line x1="${x(lines)}" x2="${x(lines)}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="#eee"/>`);
    parts.push(`<text x="${x(lines)}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${lines}</text>`);
  }
  parts.push(`<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 10}" text-anchor="middle">lines per Dockerfile (log scale)</text>`);
  parts.push(`<text transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">time per file (log scale)</text>`);
  parts.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#999"/>`);
  series.forEach((s, i) => {
    const path = s.points.map((p, k) => `${k ? 'L' : 'M'}${x(p.lines).toFixed(1)},${y(p.ms).toFixed(1)}`).join(' ');
    parts.push(`<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    for (const p of s.points) parts.push(`<circle cx="${x(p.lines).toFixed(1)}" cy="${y(p.ms).toFixed(1)}" r="3" fill="${s.color}"/>`);
    const ly = MARGIN.top + 10 + i * 20;
    parts.push(
      `<line x1="${WIDTH - MARGIN.right + 15}" x2="${WIDTH - MARGIN.right + 35}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"/>`,
    );
    parts.push(`<text x="${WIDTH - MARGIN.right + 40}" y="${ly + 4}">${escapeXml(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

function formatMs(value: number): string {
  return value >= 1 ? `${value} ms` : `${value * 1000} µs`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
