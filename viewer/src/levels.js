/**
 * Levels of detail: the SVG in the page is the first view; finer drawings of the same network
 * (a depth deeper, repeats unfolded) wait in `<template>`s. A group drawn as one card in one
 * level is a frame with its layers in a finer one, so expanding it switches to the first level
 * that opens it, and collapsing to the last coarser level that closes it. Every level is a
 * complete static drawing, so what the reader sees is exactly what nnviz draws at that depth.
 */

/** How a group is drawn in an SVG: as a card, as an open frame, or not at all. */
export function groupState(root, id) {
  const selector = `[data-layer="${CSS.escape(id)}"]`;
  if (root.querySelector(`g.nv-group${selector}`)) return "open";
  if (root.querySelector(`g.nv-layer${selector}`)) return "card";
  return null;
}

export class Levels {
  /**
   * @param {SVGSVGElement} first the drawing in the page
   * @param {HTMLTemplateElement[]} templates the finer drawings, coarsest first
   */
  constructor(first, templates) {
    /** @type {(SVGSVGElement | null)[]} */
    this.drawings = [first, ...templates.map(() => null)];
    this.templates = [null, ...templates];
    this.current = 0;
  }

  get count() {
    return this.drawings.length;
  }

  /** The drawing of level `k`, taken out of its template the first time. */
  drawing(k) {
    if (!this.drawings[k]) {
      const copy = document.importNode(this.templates[k].content, true);
      this.drawings[k] = copy.querySelector("svg");
    }
    return this.drawings[k];
  }

  /** Where level `k` can be searched without taking it out of its template. */
  root(k) {
    return this.drawings[k] ?? this.templates[k].content;
  }

  /** The level that opens group `id`, from the current one; `-1` when none does. */
  opening(id) {
    for (let k = this.current + 1; k < this.count; k += 1) {
      if (groupState(this.root(k), id) === "open") return k;
    }
    return -1;
  }

  /** The finest coarser level that closes group `id`; `-1` when none does. */
  closing(id) {
    for (let k = this.current - 1; k >= 0; k -= 1) {
      if (groupState(this.root(k), id) !== "open") return k;
    }
    return -1;
  }
}
