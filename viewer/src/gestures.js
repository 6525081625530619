/**
 * Drag to pan, pinch and wheel to zoom. The wheel zooms only with Ctrl/⌘ (a trackpad pinch
 * sends that too) or once the diagram has focus, and lets the page scroll when the view is
 * already whole, so a reader scrolling past a diagram is never caught by it.
 */

/** Pixels a pointer moves before a press becomes a drag (and is no longer a click). */
const DRAG_SLOP = 4;

/**
 * @param {HTMLElement} stage the element holding the SVG
 * @param {import("./camera.js").Camera} camera
 * @param {() => boolean} focused whether the reader is working with this diagram
 */
export function addGestures(stage, camera, focused) {
  /** @type {Map<number, {x: number, y: number}>} */
  const pointers = new Map();
  let dragged = false;
  let start = null;

  stage.addEventListener("pointerdown", (event) => {
    if (event.button !== 0 || event.target.closest("input, button")) return;
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pointers.size === 1) {
      start = { x: event.clientX, y: event.clientY };
      dragged = false;
    }
  });

  stage.addEventListener("pointermove", (event) => {
    const last = pointers.get(event.pointerId);
    if (!last) return;
    if (!dragged && Math.hypot(event.clientX - start.x, event.clientY - start.y) > DRAG_SLOP) {
      dragged = true;
      try {
        stage.setPointerCapture(event.pointerId); // only now: a click keeps its own target
      } catch {
        // the pointer is already gone (released between events): nothing to capture
      }
      stage.classList.add("nnviz-dragging");
    }
    if (!dragged) return;
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const other = a === last ? b : a;
      const before = Math.hypot(last.x - other.x, last.y - other.y);
      const after = Math.hypot(event.clientX - other.x, event.clientY - other.y);
      const mid = camera.toDiagram((event.clientX + other.x) / 2, (event.clientY + other.y) / 2);
      if (before > 0) camera.zoomBy(after / before, mid);
      camera.panBy((event.clientX - last.x) / 2, (event.clientY - last.y) / 2);
    } else {
      camera.panBy(event.clientX - last.x, event.clientY - last.y);
    }
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
  });

  const release = (event) => {
    pointers.delete(event.pointerId);
    if (pointers.size === 0) stage.classList.remove("nnviz-dragging");
  };
  stage.addEventListener("pointerup", release);
  stage.addEventListener("pointercancel", release);
  // A drag that ends over a layer must not count as a click on it.
  stage.addEventListener(
    "click",
    (event) => {
      if (dragged) {
        event.stopPropagation();
        event.preventDefault();
        dragged = false;
      }
    },
    true,
  );

  stage.addEventListener(
    "wheel",
    (event) => {
      if (!(event.ctrlKey || event.metaKey || focused())) return;
      const zoomingOut = event.deltaY > 0;
      if (zoomingOut && camera.atHome) return; // the page scrolls on
      event.preventDefault();
      const unit = event.deltaMode === 1 ? 0.05 : event.deltaMode === 2 ? 1 : 0.002;
      const factor = Math.exp(-event.deltaY * unit);
      camera.zoomBy(factor, camera.toDiagram(event.clientX, event.clientY));
    },
    { passive: false },
  );
}
