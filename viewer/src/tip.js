/** The details tooltip: plain text only (never markup from the data), kept inside the window. */

/** What a tooltip points at: a layer's card, or an open group's header (not its whole frame). */
export function anchorOf(unit) {
  return unit.tagName.toLowerCase() === "text" ? unit : unit.closest("g") ?? unit;
}

/**
 * Write a layer's or group's details into the tooltip.
 * @param {HTMLElement} tip
 * @param {{title: string, kind: string, rows: [string, string][]}} info
 * @param {string} hint what a click does, if anything
 */
export function fillTip(tip, info, hint) {
  tip.replaceChildren();
  const head = document.createElement("div");
  head.className = "nnviz-tip-head";
  const name = document.createElement("strong");
  name.textContent = info.title;
  head.append(name);
  if (info.kind) {
    const kind = document.createElement("span");
    kind.textContent = info.kind;
    head.append(" ", kind);
  }
  const table = document.createElement("dl");
  for (const [label, value] of info.rows) {
    const term = document.createElement("dt");
    term.textContent = label;
    const text = document.createElement("dd");
    text.textContent = value;
    table.append(term, text);
  }
  tip.append(head, table);
  if (hint) {
    const line = document.createElement("div");
    line.className = "nnviz-tip-hint";
    line.textContent = hint;
    tip.append(line);
  }
  tip.hidden = false;
}

/**
 * Put the tooltip below `anchor`, else above it, else beside it, inside the window and never
 * over the toolbar (nothing above `floor`, in window pixels).
 */
export function placeTip(tip, root, anchor, floor = 8) {
  // Measured at the viewer's left edge: at its last place it may have been squeezed narrow.
  tip.style.left = "0px";
  tip.style.top = "0px";
  const box = root.getBoundingClientRect();
  const card = anchor.getBoundingClientRect();
  const width = tip.offsetWidth;
  const height = tip.offsetHeight;
  const bottom = window.innerHeight - 8;
  const right = window.innerWidth - 8;
  let left = card.left + card.width / 2 - width / 2;
  let top = card.bottom + 6;
  if (top + height > bottom) {
    if (card.top - height - 6 >= floor) {
      top = card.top - height - 6;
    } else {
      top = card.top;
      left = card.right + 8 + width <= right ? card.right + 8 : card.left - width - 8;
    }
  }
  left = Math.max(8, Math.min(left, right - width));
  top = Math.max(floor, Math.min(top, bottom - height));
  tip.style.left = `${Math.round(left - box.left)}px`;
  tip.style.top = `${Math.round(top - box.top)}px`;
}

/** The only pictures a tile may show: PNG data the SVG embeds (never an address to fetch). */
const PNG_DATA = "data:image/png;base64,";

/**
 * Write a feature-map tile, enlarged, with what it shows (its channel and value range, from the
 * tile's own text in the SVG), into the tooltip; false if the tile holds no PNG data.
 * @param {HTMLElement} tip
 * @param {Element} image the SVG `<image>` of the tile
 */
export function fillTileTip(tip, image) {
  const href = image.getAttribute("href") ?? "";
  if (!href.startsWith(PNG_DATA)) return false;
  const [what, range] = (image.getAttribute("data-tip") ?? "").split(" · ");
  tip.replaceChildren();
  const head = document.createElement("div");
  head.className = "nnviz-tip-head";
  const name = document.createElement("strong");
  name.textContent = what || "tile";
  head.append(name);
  const picture = document.createElement("img");
  picture.className = "nnviz-tip-tile";
  picture.alt = what || "tile";
  picture.src = href;
  tip.append(head, picture);
  if (range) {
    const table = document.createElement("dl");
    const term = document.createElement("dt");
    term.textContent = "values";
    const value = document.createElement("dd");
    value.textContent = range;
    table.append(term, value);
    tip.append(table);
  }
  tip.hidden = false;
  return true;
}
