/**
 * What the page says about a diagram beyond its picture: a JSON island (text in an inert
 * `<template>`, only ever parsed) with each layer's details and each group's, and the other
 * drawings as inert `<template>` elements, all beside the SVG in its figure.
 */

/** @param {Element} figure the element holding the SVG */
export function readData(figure) {
  const island = figure.querySelector(":scope > template.nnviz-data");
  let data = {};
  if (island) {
    try {
      data = JSON.parse(island.content.textContent || "{}");
    } catch {
      data = {};
    }
  }
  return { layers: data.layers ?? {}, groups: data.groups ?? {} };
}

/** The finer drawings of the diagram, coarsest first. */
export function levelTemplates(figure) {
  return [...figure.querySelectorAll(":scope > template.nnviz-level")];
}

const number = new Intl.NumberFormat("en-US");

/**
 * The rows a tooltip shows for a layer or group: `[label, value]` pairs, all plain text.
 * @returns {{title: string, kind: string, rows: [string, string][]}}
 */
export function describe(id, data) {
  const layer = data.layers[id];
  if (layer) {
    const rows = [];
    if (layer.in?.length || layer.out?.length) {
      rows.push(["shape", `${(layer.in ?? []).join(", ") || "—"} → ${(layer.out ?? []).join(", ") || "—"}`]);
    }
    for (const [name, value] of layer.args ?? []) rows.push([name, value]);
    if (layer.act) rows.push(["activation", layer.act]);
    rows.push(["params", params(layer.p ?? 0, layer.np ?? 0)]);
    if (layer.t !== null && layer.t !== undefined) rows.push(["trainable", layer.t ? "yes" : "no"]);
    if (layer.note) rows.push(["note", layer.note]);
    return { title: layer.n ?? id, kind: layer.op ?? "", rows };
  }
  const group = data.groups[id];
  if (group) {
    const rows = [["layers", number.format(group.size ?? 0)]];
    if (group.count > 1) rows.push(["repeats", `×${group.count}`]);
    rows.push(["params", params(group.p ?? 0, 0)]);
    return { title: group.label ?? id, kind: group.kind ?? "group", rows };
  }
  return { title: id, kind: "", rows: [] };
}

function params(total, frozen) {
  const text = number.format(total);
  return frozen ? `${text} (${number.format(frozen)} non-trainable)` : text;
}

/** Whether a layer or group answers a search (name, op, id or group label; any case). */
export function matches(id, data, query) {
  const entry = data.layers[id] ?? data.groups[id];
  const words = [id, entry?.n, entry?.op, entry?.label, entry?.kind];
  return words.some((word) => typeof word === "string" && word.toLowerCase().includes(query));
}

/** The groups holding a layer or group, innermost first. */
export function ancestors(id, data) {
  const found = [];
  let parent = data.layers[id]?.g ?? data.groups[id]?.parent ?? null;
  while (parent && !found.includes(parent)) {
    found.push(parent);
    parent = data.groups[parent]?.parent ?? null;
  }
  return found;
}
