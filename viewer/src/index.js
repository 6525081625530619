/**
 * nnviz's page script: every nnviz diagram on the page gets a viewer. It runs once however
 * many diagrams there are, and picks up diagrams added later (a notebook's new output, a page
 * swapped in by a theme's instant navigation); a diagram already viewed is left alone. Without
 * it the page shows the same complete static SVG.
 */

import { Viewer } from "./viewer.js";

function enhance(root) {
  for (const svg of root.querySelectorAll("svg.nnviz")) {
    const figure = svg.parentElement;
    if (!figure || figure.closest(".nnviz-viewer") || svg.closest("template")) continue;
    if (!svg.viewBox?.baseVal?.width) continue; // nothing to zoom
    new Viewer(svg);
  }
}

function start() {
  enhance(document);
  new MutationObserver((changes) => {
    for (const change of changes) {
      for (const node of change.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE && !node.closest(".nnviz-viewer")) enhance(node);
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
}

if (!window.nnvizViewer) {
  window.nnvizViewer = { enhance };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
} else {
  window.nnvizViewer.enhance(document); // loaded again (a notebook output): view what is new
}
