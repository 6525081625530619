/**
 * Find: layers whose name, op or id match are highlighted and the rest dimmed, the view zooms
 * to them, and Enter steps from one to the next. A match the drawing does not show on its own
 * (inside a collapsed group) marks the card of the group holding it.
 */

import { matches } from "./data.js";

/** Find zooms to one layer no closer than this: near enough to read, with its neighbours. */
export const SHOW_ONE_ZOOM = 2.5;

export class Finder {
  /** @param {import("./viewer.js").Viewer} viewer */
  constructor(viewer) {
    this.viewer = viewer;
    this.query = "";
    /** @type {Element[]} the drawn elements that match, in reading order */
    this.found = [];
    this.at = -1;
  }

  search(text) {
    const viewer = this.viewer;
    this.query = text.trim().toLowerCase();
    this.at = -1;
    const ids = this.query ? this.ids().filter((id) => matches(id, viewer.data, this.query)) : [];
    this.mark();
    if (this.found.length) viewer.showAll(this.found);
    else viewer.camera.reset();
    const noun = `${ids.length} ${ids.length === 1 ? "layer" : "layers"}`;
    if (!this.query) viewer.say("");
    else if (!ids.length) viewer.say("no match");
    else if (!this.found.length) viewer.say(`${noun}, not drawn apart`);
    else viewer.say(noun);
  }

  ids() {
    const data = this.viewer.data;
    return [...Object.keys(data.layers), ...Object.keys(data.groups)];
  }

  /** Highlight the matches in the drawing shown (again after it changes). */
  mark() {
    const viewer = this.viewer;
    const found = new Set();
    if (this.query) {
      for (const id of this.ids()) {
        if (!matches(id, viewer.data, this.query)) continue;
        const unit = viewer.unitFor(id, false);
        if (unit) found.add(unit);
      }
    }
    for (const unit of viewer.units) {
      unit.closest("g")?.classList.toggle("nnviz-match", found.has(unit));
    }
    viewer.svg.classList.toggle("nnviz-searching", Boolean(this.query));
    this.found = viewer.units.filter((unit) => found.has(unit));
  }

  /** The next match (`step` 1) or the previous one (-1), zoomed to and shown in detail. */
  next(step) {
    if (!this.found.length) return;
    this.at = (this.at + step + this.found.length) % this.found.length;
    const unit = this.found[this.at];
    this.viewer.showAll([unit], SHOW_ONE_ZOOM);
    this.viewer.showTip(unit);
    this.viewer.say(`${this.at + 1} of ${this.found.length}`);
  }
}
