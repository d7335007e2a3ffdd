// A small, dependency-free SVG line chart over trading days: axes with ticks and labels, a legend, lines
// (polylines), filled areas (paths), horizontal segments (e.g. strikes over a layer's life), groups of vertical
// markers (e.g. roll dates, monetisations), each with its own style and legend entry, and labelled points
// (e.g. a drawdown's peak and trough). Static markup: renders without JavaScript.
import { escapeHtml } from "./escapeHtml.js";

/** A series drawn over all days: a polyline, or a filled area down to zero. */
export interface ChartSeries {
  name: string;
  color: string;
  values: readonly number[];
  /** SVG stroke-dasharray, e.g. "6 4". */
  dash?: string;
  /** Draw as a filled area between the line and zero (a `<path>`). */
  area?: boolean;
}

/** A horizontal segment from day index `from` to day index `to` at height `y`. */
export interface ChartSegment {
  from: number;
  to: number;
  y: number;
  color: string;
  dash?: string;
  /** Tooltip text. */
  title: string;
}

/** A vertical marker at day index `at`. */
export interface ChartMarker {
  at: number;
  /** Tooltip text. */
  title: string;
}

/** A set of vertical markers drawn alike, with one legend entry (e.g. every roll date). */
export interface MarkerGroup {
  /** Legend name, colour and dash of the markers (no dash: a solid line). */
  legend: LegendEntry;
  markers: readonly ChartMarker[];
  /** Stroke width (default 1). */
  width?: number;
}

/** A labelled point at day index `at` and height `y` (a small circle and its label). */
export interface ChartPoint {
  at: number;
  y: number;
  color: string;
  label: string;
  /** Tooltip text (default the label). */
  title?: string;
}

/** A legend entry that is not a series (segments, markers). */
export interface LegendEntry {
  name: string;
  color: string;
  dash?: string;
}

export interface LineChartSpec {
  /** Element id (also used for the accessible title). */
  id: string;
  title: string;
  /** One `YYYY-MM-DD` per day; series values align with it. */
  dates: readonly string[];
  yLabel: string;
  series: readonly ChartSeries[];
  segments?: readonly ChartSegment[];
  /** Vertical markers, one group per kind; a group with no marker gets no legend entry. */
  markerGroups?: readonly MarkerGroup[];
  points?: readonly ChartPoint[];
  extraLegend?: readonly LegendEntry[];
  formatY?: (v: number) => string;
  /** Force the axis to include these values (e.g. 0). */
  includeY?: readonly number[];
  width?: number;
  height?: number;
}

const FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\"";
const CHAR_WIDTH = 6.6; // rough width of a 12 px glyph, to lay out the legend and the y-axis margin
/** The rotated y-axis title is centred at this x; it is 12 px tall, so it spans about 10..22. */
const Y_TITLE_X = 16;
/** Space kept between the y-axis title and the widest tick label, and between a tick label and the axis. */
const Y_TITLE_GAP = 12;
const TICK_GAP = 6;

/** Round tick values covering [lo, hi] with about `count` steps of 1, 2 or 5 times a power of ten. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi))
    throw new Error(`svg: axis range ${lo}..${hi} is not finite`);
  if (!(hi > lo)) {
    const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
    return niceTicks(lo - pad, hi + pad, count);
  }
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const ticks: number[] = [];
  for (let v = Math.floor(lo / step) * step; v <= hi + step * 1e-9; v += step)
    ticks.push(Number(v.toPrecision(12)));
  if (ticks[ticks.length - 1]! < hi) ticks.push(Number((ticks[ticks.length - 1]! + step).toPrecision(12)));
  return ticks;
}

const f1 = (v: number): string => (Math.round(v * 10) / 10).toString();

/** Renders one chart as an `<svg>` element string. */
export function renderLineChart(spec: LineChartSpec): string {
  const width = spec.width ?? 960;
  const height = spec.height ?? 360;
  const fmt = spec.formatY ?? ((v: number): string => v.toLocaleString("en-US"));
  const n = spec.dates.length;

  // Legend entries laid out left to right, wrapping into rows.
  const legend: LegendEntry[] = [
    ...spec.series.map((s) => ({
      name: s.name,
      color: s.color,
      ...(s.dash === undefined ? {} : { dash: s.dash }),
    })),
    ...(spec.extraLegend ?? []),
    ...(spec.markerGroups ?? []).filter((g) => g.markers.length > 0).map((g) => g.legend),
  ];

  const ys: number[] = [...(spec.includeY ?? [])];
  for (const s of spec.series) ys.push(...s.values);
  for (const g of spec.segments ?? []) ys.push(g.y);
  for (const p of spec.points ?? []) ys.push(p.y);
  const finite = ys.filter(Number.isFinite);
  if (finite.length === 0) finite.push(0, 1); // nothing to draw: still a readable, empty frame
  const ticks = niceTicks(Math.min(...finite), Math.max(...finite));
  const tickLabels = ticks.map((t) => fmt(t));
  // The plot starts right of the widest tick label, which starts right of the rotated axis title.
  const widestTick = Math.max(...tickLabels.map((l) => l.length)) * CHAR_WIDTH;
  const left = Math.max(60, Math.ceil(Y_TITLE_X + 6 + Y_TITLE_GAP + widestTick + TICK_GAP));
  const right = 20;
  const legendItems: { entry: LegendEntry; x: number; row: number }[] = [];
  let lx = left;
  let row = 0;
  for (const entry of legend) {
    const w = 30 + entry.name.length * CHAR_WIDTH + 18;
    if (lx + w > width - right && lx > left) {
      row++;
      lx = left;
    }
    legendItems.push({ entry, x: lx, row });
    lx += w;
  }
  const top = 34 + (row + 1) * 18 + 6;
  const bottom = 52;
  const plotW = width - left - right;
  const plotH = height - top - bottom;

  const yLo = ticks[0]!;
  const yHi = ticks[ticks.length - 1]!;
  const x = (i: number): number => left + (n <= 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const y = (v: number): number => top + (1 - (v - yLo) / (yHi - yLo)) * plotH;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" id="${escapeHtml(spec.id)}" class="chart" role="img" ` +
      `aria-labelledby="${escapeHtml(spec.id)}-title" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" ${FONT} font-size="12">`,
  );
  out.push(`<title id="${escapeHtml(spec.id)}-title">${escapeHtml(spec.title)}</title>`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(
    `<text x="${left}" y="22" font-size="15" font-weight="600" fill="#222">${escapeHtml(spec.title)}</text>`,
  );

  // Legend.
  out.push(`<g class="legend">`);
  for (const { entry, x: ex, row: r } of legendItems) {
    const ey = 40 + r * 18;
    const dash = entry.dash === undefined ? "" : ` stroke-dasharray="${escapeHtml(entry.dash)}"`;
    out.push(
      `<line x1="${ex}" y1="${ey}" x2="${ex + 24}" y2="${ey}" stroke="${escapeHtml(entry.color)}" stroke-width="3"${dash}/>` +
        `<text x="${ex + 30}" y="${ey + 4}" fill="#222">${escapeHtml(entry.name)}</text>`,
    );
  }
  out.push(`</g>`);

  // Grid and axes.
  out.push(`<g class="axes" stroke="#ddd" stroke-width="1">`);
  for (const t of ticks)
    out.push(`<line x1="${left}" y1="${f1(y(t))}" x2="${width - right}" y2="${f1(y(t))}"/>`);
  out.push(`</g>`);
  out.push(
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#555"/>` +
      `<line x1="${left}" y1="${top + plotH}" x2="${width - right}" y2="${top + plotH}" stroke="#555"/>`,
  );
  out.push(`<g class="y-ticks" fill="#444" text-anchor="end">`);
  ticks.forEach((t, i) =>
    out.push(`<text x="${left - TICK_GAP}" y="${f1(y(t) + 4)}">${escapeHtml(tickLabels[i]!)}</text>`),
  );
  out.push(`</g>`);
  const xTickCount = Math.min(n, 7);
  out.push(`<g class="x-ticks" fill="#444" text-anchor="middle">`);
  for (let k = 0; k < xTickCount; k++) {
    const i = xTickCount === 1 ? 0 : Math.round((k * (n - 1)) / (xTickCount - 1));
    // The outermost labels hang inwards so that they are not clipped at the edges.
    const anchor =
      xTickCount > 1 && k === 0 ? "start" : xTickCount > 1 && k === xTickCount - 1 ? "end" : "middle";
    out.push(
      `<line x1="${f1(x(i))}" y1="${top + plotH}" x2="${f1(x(i))}" y2="${top + plotH + 5}" stroke="#555"/>` +
        `<text x="${f1(x(i))}" y="${top + plotH + 18}" text-anchor="${anchor}">${escapeHtml(spec.dates[i] ?? "")}</text>`,
    );
  }
  out.push(`</g>`);
  out.push(
    `<text class="x-label" x="${left + plotW / 2}" y="${height - 10}" text-anchor="middle" fill="#222">Date</text>`,
  );
  out.push(
    `<text class="y-label" transform="translate(${Y_TITLE_X} ${f1(top + plotH / 2)}) rotate(-90)" ` +
      `text-anchor="middle" dominant-baseline="middle" ` +
      `fill="#222">${escapeHtml(spec.yLabel)}</text>`,
  );

  // Markers under the data, one group per kind.
  for (const group of spec.markerGroups ?? []) {
    if (group.markers.length === 0) continue;
    const color = escapeHtml(group.legend.color);
    const dash =
      group.legend.dash === undefined ? "" : ` stroke-dasharray="${escapeHtml(group.legend.dash)}"`;
    out.push(
      `<g class="markers" data-kind="${escapeHtml(group.legend.name)}" stroke="${color}" ` +
        `stroke-width="${group.width ?? 1}"${dash}>`,
    );
    for (const m of group.markers) {
      out.push(
        `<line x1="${f1(x(m.at))}" y1="${top}" x2="${f1(x(m.at))}" y2="${top + plotH}">` +
          `<title>${escapeHtml(m.title)}</title></line>`,
      );
    }
    out.push(`</g>`);
  }

  // Series.
  out.push(`<g class="series" fill="none" stroke-width="1.6" stroke-linejoin="round">`);
  for (const s of spec.series) {
    const pts = s.values.map((v, i) => `${f1(x(i))},${f1(y(v))}`);
    const dash = s.dash === undefined ? "" : ` stroke-dasharray="${escapeHtml(s.dash)}"`;
    const color = escapeHtml(s.color);
    if (s.area === true && pts.length > 0) {
      const base = f1(y(Math.min(Math.max(0, yLo), yHi)));
      const d = `M${f1(x(0))},${base} L${pts.join(" L")} L${f1(x(s.values.length - 1))},${base} Z`;
      out.push(
        `<path d="${d}" fill="${color}" fill-opacity="0.18" stroke="${color}"${dash}>` +
          `<title>${escapeHtml(s.name)}</title></path>`,
      );
    } else {
      out.push(
        `<polyline points="${pts.join(" ")}" stroke="${color}"${dash}><title>${escapeHtml(s.name)}</title></polyline>`,
      );
    }
  }
  out.push(`</g>`);

  // Segments on top.
  if ((spec.segments?.length ?? 0) > 0) {
    out.push(`<g class="segments" stroke-width="2.2">`);
    for (const g of spec.segments ?? []) {
      const dash = g.dash === undefined ? "" : ` stroke-dasharray="${escapeHtml(g.dash)}"`;
      out.push(
        `<line x1="${f1(x(g.from))}" y1="${f1(y(g.y))}" x2="${f1(x(g.to))}" y2="${f1(y(g.y))}" ` +
          `stroke="${escapeHtml(g.color)}"${dash}><title>${escapeHtml(g.title)}</title></line>`,
      );
    }
    out.push(`</g>`);
  }

  // Labelled points on top of everything; a label near the right edge hangs to the left of its point.
  if ((spec.points?.length ?? 0) > 0) {
    out.push(`<g class="points">`);
    for (const p of spec.points ?? []) {
      const px = x(p.at);
      const py = y(p.y);
      const anchor = px > left + plotW * 0.8 ? "end" : "start";
      const dx = anchor === "end" ? -7 : 7;
      const color = escapeHtml(p.color);
      out.push(
        `<circle cx="${f1(px)}" cy="${f1(py)}" r="4" fill="#ffffff" stroke="${color}" stroke-width="2">` +
          `<title>${escapeHtml(p.title ?? p.label)}</title></circle>` +
          `<text x="${f1(px + dx)}" y="${f1(py + 4)}" text-anchor="${anchor}" fill="${color}" font-size="11">` +
          `${escapeHtml(p.label)}</text>`,
      );
    }
    out.push(`</g>`);
  }
  out.push(`</svg>`);
  return out.join("\n");
}
