/**
 * What the editor knows about the spec language, read from the JSON Schema the core emits
 * (`nnviz schema`): op names with their descriptions and arguments, the keys a layer and the
 * spec take. Completion and hover docs both come from here.
 */

function refName(entry) {
  return entry && entry.$ref ? entry.$ref.split("/").pop() : null;
}

function argsOf(def) {
  const object = (def.anyOf || []).find((alt) => alt.type === "object" && alt.properties);
  return object ? object.properties : {};
}

export function readSchema(spec) {
  const defs = spec.$defs || {};
  const layer = (defs.layer.anyOf || []).find((alt) => alt.type === "object") || {};
  const ops = new Map();
  const keys = new Map();
  for (const [name, entry] of Object.entries(layer.properties || {})) {
    const ref = refName(entry);
    const def = defs[ref] || {};
    if (ref && ref.startsWith("op-")) {
      ops.set(name, { description: def.description || "", args: argsOf(def) });
    } else {
      keys.set(name, def.description || entry.description || "");
    }
  }
  const top = new Map();
  for (const [name, entry] of Object.entries(spec.properties || {})) {
    top.set(name, entry.description || (defs[refName(entry)] || {}).description || "");
  }
  return { ops, keys, top };
}

/** The op a line of the spec names (`- conv2d: {...}`, `{id: a, conv2d: ...}`, `- flatten`). */
export function opOnLine(known, text) {
  for (const match of text.matchAll(/([A-Za-z_][\w]*)\s*(?::|$|,|\})/g)) {
    if (known.ops.has(match[1])) return match[1];
  }
  return null;
}

/** Text shown for an argument: its description and allowed values. */
export function describe(entry) {
  const parts = [entry.description || ""];
  const alternatives = entry.anyOf || [entry];
  const choices = alternatives.flatMap((alt) => alt.enum || []);
  if (choices.length) parts.push(`one of: ${choices.join(", ")}`);
  return parts.filter(Boolean).join("\n");
}
