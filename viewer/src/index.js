/**
 * nnviz's page script: every nnviz diagram on the page gets a viewer. It runs once however
 * many diagrams there are, and again harmlessly when a notebook adds its output (a diagram
 * already viewed is left alone). Without it the page shows the same complete static SVG.
 */

import { Viewer } from "./viewer.js";

function enhance(root = document) {
  for (const svg of root.querySelectorAll("svg.nnviz")) {
    const figure = svg.parentElement;
    if (!figure || figure.closest(".nnviz-viewer") || svg.closest("template")) continue;
    if (!svg.viewBox?.baseVal?.width) continue; // nothing to zoom
    new Viewer(svg);
  }
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => enhance());
} else {
  enhance();
}
