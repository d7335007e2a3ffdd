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

/** What the frame of a chart (title, legend, y axis, axes, axis titles) is drawn from. */
interface FrameSpec {
  id: string;
  title: string;
  width: number;
  height: number;
  xLabel: string;
  yLabel: string;
  legend: readonly LegendEntry[];
  /** Every y value to show (non-finite ones are ignored; none: an empty frame). */
  ys: readonly number[];
  formatY: (v: number) => string;
}

/** The drawn frame and the plot area inside it. */
interface Frame {
  /** The markup so far: the `<svg>` opening, title, legend, grid, axes and axis titles. */
  out: string[];
  left: number;
  right: number;
  top: number;
  plotW: number;
  plotH: number;
  /** Screen y of value `v`. */
  y: (v: number) => number;
  /** The y axis's lowest and highest tick. */
  yLo: number;
  yHi: number;
}

/** Lays out and draws a chart's frame: title, legend rows, y ticks with grid lines, both axes and their titles. */
function drawFrame(spec: FrameSpec): Frame {
  const { width, height } = spec;
  const finite = spec.ys.filter(Number.isFinite);
  if (finite.length === 0) finite.push(0, 1); // nothing to draw: still a readable, empty frame
  const ticks = niceTicks(Math.min(...finite), Math.max(...finite));
  const tickLabels = ticks.map((t) => spec.formatY(t));
  // The plot starts right of the widest tick label, which starts right of the rotated axis title.
  const widestTick = Math.max(...tickLabels.map((l) => l.length)) * CHAR_WIDTH;
  const left = Math.max(60, Math.ceil(Y_TITLE_X + 6 + Y_TITLE_GAP + widestTick + TICK_GAP));
  const right = 20;
  // Legend entries laid out left to right, wrapping into rows.
  const legendItems: { entry: LegendEntry; x: number; row: number }[] = [];
  let lx = left;
  let row = 0;
  for (const entry of spec.legend) {
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
  out.push(
    `<text class="x-label" x="${left + plotW / 2}" y="${height - 10}" text-anchor="middle" fill="#222">` +
      `${escapeHtml(spec.xLabel)}</text>`,
  );
  out.push(
    `<text class="y-label" transform="translate(${Y_TITLE_X} ${f1(top + plotH / 2)}) rotate(-90)" ` +
      `text-anchor="middle" dominant-baseline="middle" ` +
      `fill="#222">${escapeHtml(spec.yLabel)}</text>`,
  );
  return { out, left, right, top, plotW, plotH, y, yLo, yHi };
}

/** One x tick: a short mark under the axis and its label (the outermost hang inwards, not clipped). */
function xTick(frame: Frame, at: number, label: string, k: number, count: number): string {
  const anchor = count > 1 && k === 0 ? "start" : count > 1 && k === count - 1 ? "end" : "middle";
  const base = frame.top + frame.plotH;
  return (
    `<line x1="${f1(at)}" y1="${base}" x2="${f1(at)}" y2="${base + 5}" stroke="#555"/>` +
    `<text x="${f1(at)}" y="${base + 18}" text-anchor="${anchor}">${escapeHtml(label)}</text>`
  );
}

/** Renders one chart as an `<svg>` element string. */
export function renderLineChart(spec: LineChartSpec): string {
  const width = spec.width ?? 960;
  const n = spec.dates.length;
  const ys: number[] = [...(spec.includeY ?? [])];
  for (const s of spec.series) ys.push(...s.values);
  for (const g of spec.segments ?? []) ys.push(g.y);
  for (const p of spec.points ?? []) ys.push(p.y);
  const frame = drawFrame({
    id: spec.id,
    title: spec.title,
    width,
    height: spec.height ?? 360,
    xLabel: "Date",
    yLabel: spec.yLabel,
    legend: [
      ...spec.series.map((s) => ({
        name: s.name,
        color: s.color,
        ...(s.dash === undefined ? {} : { dash: s.dash }),
      })),
      ...(spec.extraLegend ?? []),
      ...(spec.markerGroups ?? []).filter((g) => g.markers.length > 0).map((g) => g.legend),
    ],
    ys,
    formatY: spec.formatY ?? ((v: number): string => v.toLocaleString("en-US")),
  });
  const { out, left, top, plotW, plotH, y, yLo, yHi } = frame;
  const x = (i: number): number => left + (n <= 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const xTickCount = Math.min(n, 7);
  out.push(`<g class="x-ticks" fill="#444" text-anchor="middle">`);
  for (let k = 0; k < xTickCount; k++) {
    const i = xTickCount === 1 ? 0 : Math.round((k * (n - 1)) / (xTickCount - 1));
    out.push(xTick(frame, x(i), spec.dates[i] ?? "", k, xTickCount));
  }
  out.push(`</g>`);

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

/** A point of a scatter chart: a marker with a short label beside it. */
export interface ScatterPoint {
  x: number;
  y: number;
  color: string;
  /** Drawn beside the marker (keep it short, e.g. a number). */
  label: string;
  /** Tooltip text. */
  title: string;
  shape?: "circle" | "diamond" | "square";
  /** Marker radius (default 5). */
  size?: number;
}

export interface ScatterChartSpec {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  points: readonly ScatterPoint[];
  /** A polyline through some of the points (e.g. the efficient frontier), with its legend entry. */
  line?: { points: readonly { x: number; y: number }[]; legend: LegendEntry };
  /** Legend entries of the point kinds. */
  legend: readonly LegendEntry[];
  formatX: (v: number) => string;
  formatY: (v: number) => string;
  /** Force the axes to include these values (e.g. 0). */
  includeX?: readonly number[];
  includeY?: readonly number[];
  width?: number;
  height?: number;
}

/** Renders a scatter chart (numeric x axis with its grid) as an `<svg>` element string. */
export function renderScatterChart(spec: ScatterChartSpec): string {
  const width = spec.width ?? 960;
  const frame = drawFrame({
    id: spec.id,
    title: spec.title,
    width,
    height: spec.height ?? 480,
    xLabel: spec.xLabel,
    yLabel: spec.yLabel,
    legend: [...spec.legend, ...(spec.line === undefined ? [] : [spec.line.legend])],
    ys: [...(spec.includeY ?? []), ...spec.points.map((p) => p.y)],
    formatY: spec.formatY,
  });
  const { out, left, top, plotW, plotH, y } = frame;
  const xs = [...(spec.includeX ?? []), ...spec.points.map((p) => p.x)].filter(Number.isFinite);
  if (xs.length === 0) xs.push(0, 1);
  const ticks = niceTicks(Math.min(...xs), Math.max(...xs), 6);
  const xLo = ticks[0]!;
  const xHi = ticks[ticks.length - 1]!;
  const x = (v: number): number => left + ((v - xLo) / (xHi - xLo)) * plotW;
  out.push(`<g class="x-grid" stroke="#eee" stroke-width="1">`);
  for (const t of ticks)
    out.push(`<line x1="${f1(x(t))}" y1="${top}" x2="${f1(x(t))}" y2="${top + plotH}"/>`);
  out.push(`</g>`);
  out.push(`<g class="x-ticks" fill="#444" text-anchor="middle">`);
  ticks.forEach((t, k) => out.push(xTick(frame, x(t), spec.formatX(t), k, ticks.length)));
  out.push(`</g>`);

  if (spec.line !== undefined && spec.line.points.length > 1) {
    const l = spec.line.legend;
    const dash = l.dash === undefined ? "" : ` stroke-dasharray="${escapeHtml(l.dash)}"`;
    const pts = spec.line.points.map((p) => `${f1(x(p.x))},${f1(y(p.y))}`).join(" ");
    out.push(
      `<g class="series" fill="none" stroke-width="1.6"><polyline points="${pts}" stroke="${escapeHtml(l.color)}"${dash}>` +
        `<title>${escapeHtml(l.name)}</title></polyline></g>`,
    );
  }

  // Points; a label near the right edge hangs to the left of its marker, and moves down or up a line when it
  // would cover a label already placed (points close together).
  out.push(`<g class="points">`);
  const placed: { x0: number; x1: number; y: number }[] = [];
  for (const p of spec.points) {
    const px = x(p.x);
    const py = y(p.y);
    const r = p.size ?? 5;
    const color = escapeHtml(p.color);
    const title = `<title>${escapeHtml(p.title)}</title>`;
    const style = `fill="${color}" fill-opacity="0.85" stroke="#ffffff" stroke-width="1.5"`;
    let marker: string;
    if (p.shape === "square") {
      marker = `<rect x="${f1(px - r)}" y="${f1(py - r)}" width="${f1(2 * r)}" height="${f1(2 * r)}" ${style}>${title}</rect>`;
    } else if (p.shape === "diamond") {
      const d = r * 1.4;
      marker =
        `<polygon points="${f1(px)},${f1(py - d)} ${f1(px + d)},${f1(py)} ${f1(px)},${f1(py + d)} ${f1(px - d)},${f1(py)}" ` +
        `${style}>${title}</polygon>`;
    } else {
      marker = `<circle cx="${f1(px)}" cy="${f1(py)}" r="${r}" ${style}>${title}</circle>`;
    }
    const anchor = px > left + plotW * 0.85 ? "end" : "start";
    const dx = anchor === "end" ? -(r + 4) : r + 4;
    const textWidth = p.label.length * CHAR_WIDTH * (11 / 12);
    const x0 = anchor === "end" ? px + dx - textWidth : px + dx;
    const ly =
      [0, 12, -12, 24, -24, 36, -36]
        .map((dy) => py + 4 + dy)
        .find(
          (cand) => !placed.some((b) => Math.abs(b.y - cand) < 11 && b.x0 < x0 + textWidth && x0 < b.x1),
        ) ?? py + 4;
    placed.push({ x0, x1: x0 + textWidth, y: ly });
    out.push(
      `<g class="point">${marker}<text x="${f1(px + dx)}" y="${f1(ly)}" text-anchor="${anchor}" ` +
        `fill="${color}" font-size="11">${escapeHtml(p.label)}</text></g>`,
    );
  }
  out.push(`</g>`);
  out.push(`</svg>`);
  return out.join("\n");
}
