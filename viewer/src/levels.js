/**
 * The drawings a diagram can switch between: the SVG in the page (the first view) and, in
 * `<template>`s, the same network with more of it open — each card opened alone, and whole
 * levels one depth deeper down to every group open and repeats unfolded. Each is a complete
 * static drawing by nnviz, so what the reader sees is exactly what nnviz draws.
 *
 * A drawing is known by the set of groups it draws open. Opening a group asks for the drawing
 * that opens the fewest groups besides those already open; closing one, for the drawing that
 * keeps the most of the others open without it.
 */

export class Levels {
  /**
   * @param {SVGSVGElement} first the drawing in the page
   * @param {HTMLTemplateElement[]} templates the other drawings
   */
  constructor(first, templates) {
    /** @type {(SVGSVGElement | null)[]} */
    this.drawings = [first, ...templates.map(() => null)];
    this.templates = [null, ...templates];
    /** @type {(Set<string> | null)[]} */
    this.sets = this.drawings.map(() => null);
    this.current = 0;
  }

  get count() {
    return this.drawings.length;
  }

  /** The drawing `k`, taken out of its template the first time. */
  drawing(k) {
    if (!this.drawings[k]) {
      const copy = document.importNode(this.templates[k].content, true);
      this.drawings[k] = copy.querySelector("svg");
    }
    return this.drawings[k];
  }

  /** The groups drawing `k` draws open (read without taking it out of its template). */
  open(k) {
    if (!this.sets[k]) {
      const root = this.drawings[k] ?? this.templates[k].content;
      const frames = root.querySelectorAll("g.nv-group[data-layer]");
      this.sets[k] = new Set([...frames].map((frame) => frame.dataset.layer));
    }
    return this.sets[k];
  }

  /** The drawing that opens `wanted` (ids) besides what is open now, opening least else. */
  opening(wanted) {
    const target = new Set([...this.open(this.current), ...wanted]);
    let best = -1;
    for (let k = 0; k < this.count; k += 1) {
      if (k === this.current || ![...target].every((id) => this.open(k).has(id))) continue;
      if (best < 0 || this.open(k).size < this.open(best).size) best = k;
    }
    return best;
  }

  /** The drawing without group `id` (nor what is inside it) that keeps most of the rest. */
  closing(id, inside) {
    const now = this.open(this.current);
    const keep = new Set([...now].filter((name) => name !== id && !inside(name)));
    const fits = [];
    for (let k = 0; k < this.count; k += 1) {
      const open = this.open(k);
      if (k !== this.current && !open.has(id) && [...open].every((name) => keep.has(name))) {
        fits.push(k);
      }
    }
    if (!fits.length) return -1;
    const most = Math.max(...fits.map((k) => this.open(k).size));
    const tied = fits.filter((k) => this.open(k).size === most);
    if (tied.length === 1) return tied[0];
    // Several drawings keep as much, each something else: keep only what they all keep.
    const common = [...this.open(tied[0])].filter((name) => tied.every((k) => this.open(k).has(name)));
    const under = fits.filter((k) => [...this.open(k)].every((name) => common.includes(name)));
    return under.reduce((a, b) => (this.open(b).size > this.open(a).size ? b : a));
  }
}
