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

/** Put the tooltip below `anchor` (above it when there is no room), inside the window. */
export function placeTip(tip, root, anchor) {
  const box = root.getBoundingClientRect();
  const card = anchor.getBoundingClientRect();
  const width = tip.offsetWidth;
  const height = tip.offsetHeight;
  const centre = card.left + card.width / 2 - width / 2;
  const left = Math.max(8, Math.min(centre, window.innerWidth - width - 8));
  let top = card.bottom + 6;
  if (top + height > window.innerHeight - 8 && card.top - height - 6 > 8) {
    top = card.top - height - 6;
  }
  top = Math.max(8, Math.min(top, window.innerHeight - height - 8)); // a layer half off screen
  tip.style.left = `${Math.round(left - box.left)}px`;
  tip.style.top = `${Math.round(top - box.top)}px`;
}
