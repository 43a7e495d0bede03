/**
 * Small SVG charts drawn as strings, so that the HTML report is one self-contained file an auditor opens offline
 * (no script, no font, no network).
 */

/** One bar of a histogram: a label on the x axis and its count. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  /** Drawn in the "late" colour (past the legal limit). */
  readonly late?: boolean;
}

/** One stacked column: its label and the value of each series. */
export interface Column {
  readonly label: string;
  readonly values: Readonly<Record<string, number>>;
}

const W = 640;
const H = 220;
const PAD = { left: 44, right: 12, top: 16, bottom: 40 };
const PALETTE = ['#1b6ca8', '#d1495b', '#edae49', '#00798c', '#66a182', '#8d6a9f', '#30343f', '#e07a5f'];

export const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const axis = (max: number, title: string): string => {
  const y0 = H - PAD.bottom;
  const ticks = [0, max / 2, max].map((v) => {
    const y = y0 - (v / Math.max(max, 1)) * (H - PAD.top - PAD.bottom);
    return `<text x="${PAD.left - 6}" y="${y + 4}" text-anchor="end" class="tick">${Math.round(v)}</text>`;
  });
  return (
    `<line x1="${PAD.left}" y1="${y0}" x2="${W - PAD.right}" y2="${y0}" class="axis"/>` +
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${y0}" class="axis"/>` +
    ticks.join('') +
    `<text x="${W / 2}" y="${H - 4}" text-anchor="middle" class="title">${escapeXml(title)}</text>`
  );
};

/**
 * A histogram; `marker` draws a dashed vertical line after the bar with that label (the legal limit), so what lies
 * right of it is late.
 */
export const histogramSvg = (
  bars: readonly Bar[],
  xTitle: string,
  marker?: { after: string; label: string },
): string => {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = (W - PAD.left - PAD.right) / Math.max(bars.length, 1);
  const plotH = H - PAD.top - PAD.bottom;
  const rects = bars.map((b, i) => {
    const h = (b.value / max) * plotH;
    const x = PAD.left + i * slot + slot * 0.1;
    return (
      `<rect x="${x.toFixed(1)}" y="${(H - PAD.bottom - h).toFixed(1)}" width="${(slot * 0.8).toFixed(1)}" ` +
      `height="${h.toFixed(1)}" class="${b.late === true ? 'bar late' : 'bar'}"><title>${escapeXml(b.label)}: ${b.value}</title></rect>` +
      `<text x="${(x + slot * 0.4).toFixed(1)}" y="${H - PAD.bottom + 14}" text-anchor="middle" class="tick">${escapeXml(b.label)}</text>`
    );
  });
  const at = marker === undefined ? -1 : bars.findIndex((b) => b.label === marker.after);
  const line =
    marker === undefined || at < 0
      ? ''
      : `<line x1="${PAD.left + (at + 1) * slot}" y1="${PAD.top}" x2="${PAD.left + (at + 1) * slot}" y2="${H - PAD.bottom}" class="limit"/>` +
        `<text x="${PAD.left + (at + 1) * slot + 4}" y="${PAD.top + 10}" class="tick">${escapeXml(marker.label)}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" class="chart">${axis(max, xTitle)}${rects.join('')}${line}</svg>`;
};

/** Stacked columns with a legend: one colour per series, in the order of `series`. */
export const stackedColumnsSvg = (columns: readonly Column[], series: readonly string[], xTitle: string): string => {
  const totals = columns.map((c) => series.reduce((s, k) => s + (c.values[k] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const slot = (W - PAD.left - PAD.right) / Math.max(columns.length, 1);
  const plotH = H - PAD.top - PAD.bottom;
  const parts: string[] = [];
  columns.forEach((c, i) => {
    let y = H - PAD.bottom;
    const x = PAD.left + i * slot + slot * 0.1;
    series.forEach((k, j) => {
      const v = c.values[k] ?? 0;
      if (v === 0) return;
      const h = (v / max) * plotH;
      y -= h;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(slot * 0.8).toFixed(1)}" height="${h.toFixed(1)}" ` +
          `fill="${PALETTE[j % PALETTE.length]}" class="segment"><title>${escapeXml(c.label)} ${escapeXml(k)}: ${v}</title></rect>`,
      );
    });
    if (columns.length <= 24 || i % Math.ceil(columns.length / 12) === 0) {
      parts.push(
        `<text x="${(x + slot * 0.4).toFixed(1)}" y="${H - PAD.bottom + 14}" text-anchor="middle" class="tick">${escapeXml(c.label)}</text>`,
      );
    }
  });
  const legend = series
    .map(
      (k, j) =>
        `<span class="key"><span class="swatch" style="background:${PALETTE[j % PALETTE.length]}"></span>${escapeXml(k)}</span>`,
    )
    .join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" class="chart">${axis(max, xTitle)}${parts.join('')}</svg><div class="legend">${legend}</div>`;
};
