/**
 * A small SVG x-y chart for the taskpane's smile and frontier: axes with round ticks and unit
 * labels, lines, dots, vertical bars (a quote's bid-ask) and labelled markers. It scales to its
 * box (a viewBox, width 100%), so it reads in Excel's 350 px pane; the numbers behind every chart
 * are also in a table beside it for the keyboard and screen readers.
 */
const NS = 'http://www.w3.org/2000/svg';

export interface XY {
  x: number;
  y: number;
}

export interface ChartSpec {
  /** What the chart shows, for screen readers (the svg's title). */
  title: string;
  xLabel: string;
  yLabel: string;
  xFormat?: (x: number) => string;
  yFormat?: (y: number) => string;
  lines?: { points: XY[]; className: string }[];
  dots?: { points: XY[]; className: string; r?: number }[];
  /** Vertical bars from y0 to y1 at x; an undefined end runs to the plot's edge. */
  bars?: { x: number; y0?: number; y1?: number; className: string }[];
  /** Single points with a shape and a label beside them. */
  markers?: { at: XY; label: string; className: string; shape: 'diamond' | 'ring'; labelBelow?: boolean }[];
}

const W = 340;
const H = 230;
const PAD = { left: 52, right: 10, top: 10, bottom: 38 };

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Round tick values covering [lo, hi]: steps of 1, 2 or 5 × 10^n, about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

function extent(values: number[]): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [0, 1];
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (hi === lo) {
    const d = Math.abs(lo) > 0 ? Math.abs(lo) * 0.05 : 1;
    lo -= d;
    hi += d;
  }
  const pad = (hi - lo) * 0.06;
  return [lo - pad, hi + pad];
}

/** Draw the chart into `host` (its children replaced). */
export function drawChart(host: Element, spec: ChartSpec): SVGSVGElement {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const l of [...(spec.lines ?? []), ...(spec.dots ?? [])])
    for (const p of l.points) {
      xs.push(p.x);
      ys.push(p.y);
    }
  for (const m of spec.markers ?? []) {
    xs.push(m.at.x);
    ys.push(m.at.y);
  }
  for (const b of spec.bars ?? []) xs.push(b.x);
  const [x0, x1] = extent(xs);
  const [y0, y1] = extent(ys);
  const px = (x: number): number => PAD.left + ((x - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const py = (y: number): number => H - PAD.bottom - ((y - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const clampY = (y: number): number => Math.min(Math.max(y, y0), y1);
  const fx = spec.xFormat ?? ((x: number) => x.toLocaleString('en-US'));
  const fy = spec.yFormat ?? ((y: number) => y.toLocaleString('en-US'));

  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'xy-chart', 'aria-label': spec.title });
  root.append(svg('title', {}, spec.title));
  const axes = svg('g', { class: 'axes' });
  for (const t of niceTicks(y0, y1)) {
    axes.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: py(t), y2: py(t), class: 'grid' }));
    axes.append(svg('text', { x: PAD.left - 4, y: py(t) + 3, 'text-anchor': 'end' }, fy(t)));
  }
  for (const t of niceTicks(x0, x1, 4)) {
    axes.append(svg('line', { x1: px(t), x2: px(t), y1: H - PAD.bottom, y2: H - PAD.bottom + 4, class: 'tick' }));
    axes.append(svg('text', { x: px(t), y: H - PAD.bottom + 14, 'text-anchor': 'middle' }, fx(t)));
  }
  axes.append(
    svg('line', { x1: PAD.left, x2: W - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom, class: 'axis' }),
    svg('line', { x1: PAD.left, x2: PAD.left, y1: PAD.top, y2: H - PAD.bottom, class: 'axis' }),
    svg('text', { x: (PAD.left + W - PAD.right) / 2, y: H - 4, 'text-anchor': 'middle', class: 'label' }, spec.xLabel),
    svg(
      'text',
      {
        x: 11,
        y: (PAD.top + H - PAD.bottom) / 2,
        'text-anchor': 'middle',
        class: 'label',
        transform: `rotate(-90 11 ${(PAD.top + H - PAD.bottom) / 2})`,
      },
      spec.yLabel,
    ),
  );
  root.append(axes);
  const bars = svg('g', { class: 'bars' });
  for (const b of spec.bars ?? []) {
    const lo = py(clampY(b.y0 ?? y0));
    const hi = py(clampY(b.y1 ?? y1));
    bars.append(svg('line', { x1: px(b.x), x2: px(b.x), y1: lo, y2: hi, class: b.className }));
  }
  root.append(bars);
  for (const l of spec.lines ?? []) {
    const d = l.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join('');
    root.append(svg('path', { d, class: l.className, fill: 'none' }));
  }
  for (const s of spec.dots ?? []) {
    const g = svg('g', { class: s.className });
    for (const p of s.points) g.append(svg('circle', { cx: px(p.x), cy: py(p.y), r: s.r ?? 2.2 }));
    root.append(g);
  }
  for (const m of spec.markers ?? []) {
    const g = svg('g', { class: m.className });
    const cx = px(m.at.x);
    const cy = py(m.at.y);
    g.append(
      m.shape === 'diamond'
        ? svg('path', { d: `M${cx},${cy - 6}L${cx + 6},${cy}L${cx},${cy + 6}L${cx - 6},${cy}Z` })
        : svg('circle', { cx, cy, r: 6 }),
    );
    const right = cx < W - 90;
    const ty = m.labelBelow === true ? cy + 15 : cy - 6;
    g.append(svg('text', { x: right ? cx + 9 : cx - 9, y: ty, 'text-anchor': right ? 'start' : 'end' }, m.label));
    root.append(g);
  }
  host.replaceChildren(root);
  return root;
}
