/**
 * One diagram made explorable: toolbar, zoom and pan, full screen, groups opened and closed,
 * layer details on hover or focus, and find. Everything it adds lives inside the diagram's own figure
 * and every id it makes is numbered per viewer, so diagrams on one page never interfere.
 */

import { Camera } from "./camera.js";
import { ancestors, describe, levelTemplates, readData } from "./data.js";
import { Finder, SHOW_ONE_ZOOM } from "./find.js";
import { addGestures } from "./gestures.js";
import { Levels } from "./levels.js";
import { anchorOf, fillTileTip, fillTip, placeTip } from "./tip.js";
import { makeToolbar } from "./toolbar.js";

const ZOOM_STEP = 1.5;
const PAN_STEP = 48;
/** How long a message about an action stays beside the find box, in milliseconds. */
const SAY_FOR = 4000;
let made = 0;

export class Viewer {
  /** @param {SVGSVGElement} svg a diagram's SVG, inside its figure */
  constructor(svg) {
    made += 1;
    this.number = made;
    this.figure = svg.parentElement;
    this.data = readData(this.figure);
    this.levels = new Levels(svg, levelTemplates(this.figure));
    this.build(svg);
    this.camera = new Camera(svg);
    this.camera.onchange = () => this.viewChanged();
    addGestures(this.stage, this.camera, () => this.root.contains(document.activeElement));
    this.prepare(svg);
    this.viewChanged();
  }

  build(svg) {
    const title = svg.querySelector(":scope > title")?.textContent?.trim() || "Diagram";
    this.title = title;
    this.root = document.createElement("div");
    this.root.className = "nnviz-viewer";
    const sized = `${svg.style.width} ${this.figure.style.width}`;
    if (sized.includes("%") || this.figure.classList.contains("nnviz-sized")) {
      this.root.classList.add("nnviz-fill");
    }
    const { bar, find, count, buttons } = makeToolbar(title);
    this.find = find;
    this.count = count;
    this.buttons = buttons;
    this.stage = document.createElement("div");
    this.stage.className = "nnviz-stage";
    this.stage.tabIndex = 0;
    this.stage.setAttribute("aria-label", `${title}: drag to pan, + and − to zoom, F for full screen`);
    this.tip = document.createElement("div");
    this.tip.className = "nnviz-tip";
    this.tip.id = `nnviz-tip-${this.number}`;
    this.tip.setAttribute("role", "tooltip");
    this.tip.hidden = true;
    svg.before(this.root);
    this.figure.classList.add("nnviz-has-viewer"); // the tooltip may pass the figure's edges
    if (this.figure.getAttribute("role") === "img") {
      // An author's alt text named the figure as one image; the viewer's controls inside it
      // must stay reachable, so the name moves to the SVG.
      svg.setAttribute("aria-label", this.figure.getAttribute("aria-label") ?? title);
      this.figure.removeAttribute("role");
      this.figure.removeAttribute("aria-label");
    }
    this.stage.append(svg);
    this.root.append(bar, this.stage, this.tip);
    buttons["Zoom in"].addEventListener("click", () => this.camera.zoomBy(ZOOM_STEP));
    buttons["Zoom out"].addEventListener("click", () => this.camera.zoomBy(1 / ZOOM_STEP));
    buttons["Reset view"].addEventListener("click", () => this.camera.reset());
    buttons["Full screen"].addEventListener("click", () => this.toggleFullScreen());
    this.finder = new Finder(this);
    find.addEventListener("input", () => this.finder.search(find.value));
    this.root.addEventListener("keydown", (event) => this.key(event));
    this.stage.addEventListener("click", (event) => this.clicked(event));
    this.stage.addEventListener("pointerover", (event) => this.hover(event));
    this.stage.addEventListener("pointerleave", () => this.hideTip());
    this.stage.addEventListener("focusin", (event) => this.focused(event));
    this.stage.addEventListener("focusout", () => this.hideTip());
  }

  get svg() {
    return this.camera.svg;
  }

  /** Ready a drawing for the viewer: named, focusable layers, and group headers as buttons. */
  prepare(svg) {
    svg.setAttribute("role", "group");
    svg.setAttribute("aria-roledescription", "diagram");
    svg.classList.add("nnviz-live");
    /** @type {Element[]} */
    this.units = [];
    for (const element of svg.querySelectorAll("g.nv-layer[data-layer], g.nv-group[data-layer]")) {
      const id = element.dataset.layer;
      const own = element.querySelector(":scope > title");
      const info = describe(id, this.data);
      const name = own?.textContent ?? info.title; // a drawing shown before has lost its titles
      own?.remove(); // the tooltip says more, and the browser's own would cover it
      const open = element.classList.contains("nv-group");
      const target = open ? element.querySelector(":scope > text") ?? element : element;
      target.dataset.unit = id;
      target.setAttribute("aria-label", `${info.kind ? `${info.kind} ` : ""}${name}`.trim());
      target.setAttribute("role", "img");
      target.tabIndex = -1;
      const [action, goal] = this.step(id, open);
      if (goal >= 0) {
        target.setAttribute("role", "button");
        target.setAttribute("aria-expanded", String(open));
        target.classList.add("nnviz-toggle");
        target.dataset.action = action;
        target.dataset.goal = String(goal);
      }
      this.units.push(target);
    }
    if (this.units.length) this.units[0].tabIndex = 0;
    for (const image of svg.querySelectorAll("image")) {
      // a tile's own title says what it shows: kept for the tooltip, not the browser's
      const own = image.querySelector(":scope > title");
      if (own) image.setAttribute("data-tip", own.textContent ?? "");
      own?.remove();
    }
    this.finder?.mark();
  }

  viewChanged() {
    const camera = this.camera;
    this.stage.classList.toggle("nnviz-zoomed", !camera.atHome);
    this.buttons["Zoom out"].setAttribute("aria-disabled", String(camera.atHome));
    this.buttons["Reset view"].setAttribute("aria-disabled", String(camera.atHome));
    this.hideTip();
  }

  // --- levels of detail ------------------------------------------------------------------

  /**
   * What a click on group `id` does in the drawing shown, and the drawing it switches to: a card
   * opens; an open repeat drawn once unfolds; any other open group closes.
   */
  step(id, open) {
    const levels = this.levels;
    if (!open) return ["open", levels.opening([id])];
    const iterations = Object.keys(this.data.groups).filter(
      (name) => this.data.groups[name].parent === id && this.data.groups[name].kind === "iteration",
    );
    const shown = levels.open(levels.current);
    if (iterations.length > 1 && !iterations.every((name) => shown.has(name))) {
      const goal = levels.opening(iterations);
      if (goal >= 0) return ["unfold", goal];
    }
    return ["close", levels.closing(id, (name) => ancestors(name, this.data).includes(id))];
  }

  /** Open, unfold or close the group whose header is `target`. */
  toggle(target) {
    const id = target.dataset.unit;
    const action = target.dataset.action;
    const goal = Number(target.dataset.goal);
    if (!(goal >= 0)) return;
    const hadFocus = this.root.contains(document.activeElement);
    const next = this.levels.drawing(goal);
    this.svg.replaceWith(next);
    this.levels.current = goal;
    this.camera.attach(next);
    this.prepare(next);
    this.camera.reset();
    const shown = this.unitFor(id);
    if (shown) {
      const frame = shown.closest("g") ?? shown;
      if (this.isFullScreen) this.camera.show(this.camera.regionOf(frame), { most: SHOW_ONE_ZOOM });
      else frame.scrollIntoView({ block: "nearest", inline: "nearest" });
      if (hadFocus) this.focusUnit(shown);
    }
    const verb = { open: "Opened", unfold: "Unfolded", close: "Closed" }[action];
    this.say(`${verb} ${describe(id, this.data).title}`, true);
  }

  /**
   * The element standing for `id` in the drawing: itself, or the card of a collapsed group
   * holding it (`open`: or the header of an open group holding it, an unfolded repeat's).
   */
  unitFor(id, open = true) {
    for (const candidate of [id, ...ancestors(id, this.data)]) {
      const found = this.units.find((unit) => unit.dataset.unit === candidate);
      if (found && (open || candidate === id || found.matches("g.nv-layer"))) return found;
    }
    return null;
  }

  clicked(event) {
    const target = event.target.closest?.(".nnviz-toggle");
    if (target && this.stage.contains(target)) {
      this.toggle(target);
      return;
    }
    if (this.showTile(event.target)) return;
    const unit = event.target.closest?.("[data-unit]");
    if (unit) this.showTip(unit);
  }

  /** A real feature map under the pointer, shown enlarged with its channel and values. */
  showTile(target) {
    if (target?.tagName?.toLowerCase() !== "image" || !this.stage.contains(target)) return false;
    if (!fillTileTip(this.tip, target)) return false;
    const floor = Math.max(8, this.stage.getBoundingClientRect().top);
    placeTip(this.tip, this.root, target, floor);
    return true;
  }

  // --- details ---------------------------------------------------------------------------

  hover(event) {
    if (!this.stage.classList.contains("nnviz-dragging") && this.showTile(event.target)) return;
    const unit = event.target.closest?.("[data-unit]");
    if (unit && !this.stage.classList.contains("nnviz-dragging")) this.showTip(unit);
    else if (!unit) this.hideTip();
  }

  focused(event) {
    const unit = event.target.closest?.("[data-unit]");
    if (unit) this.showTip(unit);
  }

  showTip(unit) {
    const id = unit.dataset.unit;
    const count = this.data.groups[id]?.count ?? 0;
    const what = { open: "open it", unfold: `show all ${count} repeats`, close: "close it" };
    const hint = unit.classList.contains("nnviz-toggle")
      ? `Click or press Enter to ${what[unit.dataset.action]}`
      : "";
    fillTip(this.tip, describe(id, this.data), hint);
    unit.setAttribute("aria-describedby", this.tip.id);
    const floor = Math.max(8, this.stage.getBoundingClientRect().top);
    placeTip(this.tip, this.root, anchorOf(unit), floor);
  }

  hideTip() {
    if (this.tip.hidden) return;
    this.tip.hidden = true;
    for (const unit of this.units ?? []) unit.removeAttribute("aria-describedby");
  }

  get isFullScreen() {
    return this.root.classList.contains("nnviz-fullscreen");
  }

  /** Zoom to show `units` together (no closer than `most`). */
  showAll(units, most) {
    this.camera.reset();
    const regions = units.map((unit) => this.camera.regionOf(unit.closest("g") ?? unit));
    const x = Math.min(...regions.map((r) => r.x));
    const y = Math.min(...regions.map((r) => r.y));
    const right = Math.max(...regions.map((r) => r.x + r.width));
    const bottom = Math.max(...regions.map((r) => r.y + r.height));
    this.camera.show({ x, y, width: right - x, height: bottom - y }, { most });
  }

  // --- keyboard and full screen -----------------------------------------------------------

  key(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Tab" && this.isFullScreen) {
      this.keepFocusInside(event);
      return;
    }
    const target = event.target;
    if (target === this.find) {
      if (event.key === "Enter") this.finder.next(event.shiftKey ? -1 : 1);
      else if (event.key === "Escape" && this.find.value) {
        this.find.value = "";
        this.finder.search("");
      } else if (event.key === "Escape" && this.isFullScreen) {
        this.toggleFullScreen();
      } else return;
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    if (this.unitKey(event) || this.viewKey(event)) {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  /** Keys on a layer: arrows move between layers, Enter and Space open or close a group. */
  unitKey(event) {
    const unit = event.target.closest?.("[data-unit]");
    if (!unit || !this.stage.contains(unit)) return false;
    const at = this.units.indexOf(unit);
    const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (event.key in moves) {
      const next = this.units[(at + moves[event.key] + this.units.length) % this.units.length];
      this.focusUnit(next);
      return true;
    }
    if ((event.key === "Enter" || event.key === " ") && unit.classList.contains("nnviz-toggle")) {
      this.toggle(unit);
      return true;
    }
    return false;
  }

  viewKey(event) {
    const pans = { ArrowRight: [-1, 0], ArrowLeft: [1, 0], ArrowDown: [0, -1], ArrowUp: [0, 1] };
    if (event.target === this.stage && event.key in pans) {
      const [dx, dy] = pans[event.key];
      this.camera.panBy(dx * PAN_STEP, dy * PAN_STEP);
      return true;
    }
    const actions = {
      "+": () => this.camera.zoomBy(ZOOM_STEP),
      "=": () => this.camera.zoomBy(ZOOM_STEP),
      "-": () => this.camera.zoomBy(1 / ZOOM_STEP),
      0: () => this.camera.reset(),
      f: () => this.toggleFullScreen(),
      F: () => this.toggleFullScreen(),
      "/": () => this.find.focus(),
      Escape: () => this.escape(),
    };
    const action = actions[event.key];
    return action ? action() !== false : false;
  }

  /** Full screen is a dialog: Tab and Shift+Tab cycle through its own controls. */
  keepFocusInside(event) {
    const stops = [this.find, ...Object.values(this.buttons), this.stage];
    const current = this.units.find((unit) => unit.tabIndex === 0);
    if (current) stops.push(current);
    const at = stops.indexOf(event.target);
    const last = stops.length - 1;
    if (event.shiftKey && at <= 0) stops[last].focus();
    else if (!event.shiftKey && (at === last || at < 0)) stops[0].focus();
    else return;
    event.preventDefault();
  }

  escape() {
    if (this.isFullScreen) return this.toggleFullScreen();
    if (!this.tip.hidden) return this.hideTip();
    return false;
  }

  /** Focus a layer and bring it into view: the page scrolls to it, or a zoomed view pans. */
  focusUnit(unit) {
    for (const other of this.units) other.tabIndex = -1;
    unit.tabIndex = 0;
    unit.focus({ preventScroll: true });
    const element = unit.closest("g") ?? unit;
    if (this.camera.atHome && !this.isFullScreen) {
      element.scrollIntoView({ block: "nearest", inline: "nearest" });
    } else if (!this.onScreen(element)) {
      this.camera.centre(this.camera.regionOf(element));
    }
    this.showTip(unit);
  }

  onScreen(element) {
    const r = element.getBoundingClientRect();
    const stage = this.stage.getBoundingClientRect();
    return r.left >= stage.left && r.right <= stage.right && r.top >= Math.max(stage.top, 0) &&
      r.bottom <= Math.min(stage.bottom, window.innerHeight);
  }

  toggleFullScreen() {
    const on = !this.root.classList.contains("nnviz-fullscreen");
    this.root.classList.toggle("nnviz-fullscreen", on);
    document.documentElement.classList.toggle("nnviz-no-scroll", on);
    const button = this.buttons["Full screen"];
    button.setAttribute("aria-pressed", String(on));
    button.setAttribute("aria-label", "Full screen");
    if (on) {
      this.root.setAttribute("role", "dialog");
      this.root.setAttribute("aria-modal", "true");
      this.root.setAttribute("aria-label", this.title);
      this.stage.focus({ preventScroll: true });
    } else {
      for (const name of ["role", "aria-modal", "aria-label"]) this.root.removeAttribute(name);
      button.focus({ preventScroll: true });
    }
    this.camera.reset();
  }

  /** Say something beside the find box (and to screen readers); `brief`: only for a while. */
  say(text, brief = false) {
    clearTimeout(this.hush);
    this.count.textContent = text;
    if (brief) this.hush = setTimeout(() => (this.count.textContent = ""), SAY_FOR);
  }
}
