/**
 * The part of a diagram in view, kept as its SVG `viewBox`: zooming and panning redraw the
 * vectors crisply and leave the diagram in its box on the page (a CSS transform would scale a
 * bitmap and spill over the text around it).
 */

/** The view never zooms out past the whole diagram. */
const MIN_ZOOM = 1;
/** At most this much zoom, or more when a large diagram needs it to show a label legibly. */
const BASE_MAX_ZOOM = 8;
/** Screen pixels a diagram unit may grow to at the deepest zoom. */
const MAX_PIXELS_PER_UNIT = 4;

export class Camera {
  /** @param {SVGSVGElement} svg */
  constructor(svg) {
    /** @type {(() => void) | null} */
    this.onchange = null;
    this.attach(svg);
  }

  /** Follow another drawing (a level of detail switched in), showing all of it. */
  attach(svg) {
    this.svg = svg;
    // The drawing's own viewBox, kept before the first zoom changes it (a level shown again).
    svg.dataset.home ??= svg.getAttribute("viewBox") ?? "0 0 1 1";
    const [x, y, width, height] = svg.dataset.home.split(/[\s,]+/).map(Number);
    this.home = { x, y, width, height };
    this.box = { ...this.home };
  }

  get zoom() {
    return this.home.width / this.box.width;
  }

  get maxZoom() {
    const rect = this.svg.getBoundingClientRect();
    const fit = Math.min(rect.width / this.home.width, rect.height / this.home.height) || 1;
    return Math.max(BASE_MAX_ZOOM, MAX_PIXELS_PER_UNIT / fit);
  }

  get atHome() {
    return this.zoom <= MIN_ZOOM + 1e-6;
  }

  reset() {
    this.apply({ ...this.home });
  }

  /** Zoom by `factor` about a point in diagram units (the centre of the view by default). */
  zoomBy(factor, at) {
    const box = this.box;
    const target = Math.min(Math.max(this.zoom * factor, MIN_ZOOM), this.maxZoom);
    const step = target / this.zoom;
    const p = at ?? { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    this.apply({
      x: p.x - (p.x - box.x) / step,
      y: p.y - (p.y - box.y) / step,
      width: box.width / step,
      height: box.height / step,
    });
  }

  /** Move the view by a distance in screen pixels (the way a dragged sheet moves). */
  panBy(dx, dy) {
    const s = this.pixelsPerUnit();
    this.apply({ ...this.box, x: this.box.x - dx / s, y: this.box.y - dy / s });
  }

  /**
   * Show a region (diagram units) whole in the part of the diagram that is on screen, with a
   * margin, zoomed in no further than `most` (a diagram taller than the window fits its
   * region to the window, not to its own height).
   */
  show(region, { margin = 24, most = this.maxZoom } = {}) {
    const home = this.home;
    const rect = this.svg.getBoundingClientRect();
    const perUnit = Math.min(rect.width / home.width, rect.height / home.height) || 1;
    const seen = visiblePart(rect);
    const zoom = Math.min(
      Math.max(
        Math.min(
          seen.width / ((region.width + 2 * margin) * perUnit),
          seen.height / ((region.height + 2 * margin) * perUnit),
        ),
        MIN_ZOOM,
      ),
      most,
      this.maxZoom,
    );
    this.centre(region, zoom);
  }

  /** Put a region's centre at the centre of the part of the diagram on screen, at `zoom`. */
  centre(region, zoom = this.zoom) {
    const home = this.home;
    const rect = this.svg.getBoundingClientRect();
    const perUnit = Math.min(rect.width / home.width, rect.height / home.height) || 1;
    const scale = perUnit * zoom;
    const width = home.width / zoom;
    const height = home.height / zoom;
    // Where the drawing starts inside the SVG box (it is centred when their shapes differ).
    const left = rect.left + (rect.width - home.width * perUnit) / 2;
    const top = rect.top + (rect.height - home.height * perUnit) / 2;
    const seen = visiblePart(rect);
    this.apply({
      x: region.x + region.width / 2 - (seen.x + seen.width / 2 - left) / scale,
      y: region.y + region.height / 2 - (seen.y + seen.height / 2 - top) / scale,
      width,
      height,
    });
  }

  /** Screen pixels per diagram unit at the current view. */
  pixelsPerUnit() {
    const rect = this.svg.getBoundingClientRect();
    return Math.min(rect.width / this.box.width, rect.height / this.box.height) || 1;
  }

  /** A point on screen (client pixels) in diagram units. */
  toDiagram(clientX, clientY) {
    const matrix = this.svg.getScreenCTM();
    if (!matrix) return { x: this.box.x, y: this.box.y };
    const p = new DOMPoint(clientX, clientY).matrixTransform(matrix.inverse());
    return { x: p.x, y: p.y };
  }

  /** An element's on-screen box in diagram units. */
  regionOf(element) {
    const r = element.getBoundingClientRect();
    const a = this.toDiagram(r.left, r.top);
    const b = this.toDiagram(r.right, r.bottom);
    return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
  }

  /** Set the view, keeping its centre over the diagram so it can never be lost. */
  apply(box) {
    const home = this.home;
    const cx = Math.min(Math.max(box.x + box.width / 2, home.x), home.x + home.width);
    const cy = Math.min(Math.max(box.y + box.height / 2, home.y), home.y + home.height);
    const fitted = box.width >= home.width - 1e-6;
    this.box = fitted
      ? { ...home }
      : { x: cx - box.width / 2, y: cy - box.height / 2, width: box.width, height: box.height };
    const { x, y, width, height } = this.box;
    const text = [x, y, width, height].map((n) => Number(n.toFixed(3))).join(" ");
    this.svg.setAttribute("viewBox", text);
    this.onchange?.();
  }
}

/** The part of a box (client pixels) inside the window; the whole box if none of it is. */
function visiblePart(rect) {
  const x = Math.max(rect.left, 0);
  const y = Math.max(rect.top, 0);
  const right = Math.min(rect.right, window.innerWidth);
  const bottom = Math.min(rect.bottom, window.innerHeight);
  if (right - x < 40 || bottom - y < 40) {
    return { x: rect.left, y: rect.top, width: rect.width, height: rect.height };
  }
  return { x, y, width: right - x, height: bottom - y };
}
