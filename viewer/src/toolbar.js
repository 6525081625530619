/** The toolbar: a find box and four buttons, named for screen readers and shown as icons. */

const ICONS = {
  "Zoom in": "M7 2.5v9M2.5 7h9",
  "Zoom out": "M2.5 7h9",
  "Reset view": "M2.5 7a4.5 4.5 0 1 0 1.4-3.3M2.5 1.8v2.7h2.7",
  "Full screen": "M1.5 5V1.5H5M9 1.5h3.5V5M12.5 9v3.5H9M5 12.5H1.5V9",
};
const KEYS = { "Zoom in": "+", "Zoom out": "−", "Reset view": "0", "Full screen": "F" };

/** A toolbar button with an icon drawn in the page's text colour. */
function button(name) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = "nnviz-button";
  element.setAttribute("aria-label", name);
  element.title = `${name} (${KEYS[name]})`;
  element.setAttribute("aria-keyshortcuts", KEYS[name] === "−" ? "-" : KEYS[name]);
  const ns = "http://www.w3.org/2000/svg";
  const icon = document.createElementNS(ns, "svg");
  icon.setAttribute("viewBox", "0 0 14 14");
  icon.setAttribute("aria-hidden", "true");
  icon.setAttribute("focusable", "false");
  const path = document.createElementNS(ns, "path");
  path.setAttribute("d", ICONS[name]);
  icon.append(path);
  element.append(icon);
  return element;
}

/**
 * @param {string} label the diagram's name, for the toolbar's accessible name
 * @returns the toolbar, its find box and its buttons by name
 */
export function makeToolbar(label) {
  const bar = document.createElement("div");
  bar.className = "nnviz-toolbar";
  bar.setAttribute("role", "toolbar");
  bar.setAttribute("aria-label", `${label}: diagram controls`);
  const find = document.createElement("input");
  find.type = "search";
  find.className = "nnviz-find";
  find.placeholder = "Find layer";
  find.setAttribute("aria-label", "Find layer");
  find.setAttribute("aria-keyshortcuts", "/");
  find.autocomplete = "off";
  find.spellcheck = false;
  const count = document.createElement("span");
  count.className = "nnviz-count";
  count.setAttribute("aria-live", "polite");
  const buttons = {};
  bar.append(find, count);
  for (const name of ["Zoom out", "Zoom in", "Reset view", "Full screen"]) {
    buttons[name] = button(name);
    bar.append(buttons[name]);
  }
  buttons["Full screen"].setAttribute("aria-pressed", "false");
  return { bar, find, count, buttons };
}
