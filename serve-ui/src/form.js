/**
 * The options form, generated from the options' JSON Schema (the core declares each option
 * once, with its description, type and allowed values). An empty field means the default.
 */

function kinds(entry) {
  const alternatives = entry.anyOf || [entry];
  return {
    choices: alternatives.flatMap((alt) => alt.enum || []),
    types: alternatives.map((alt) => alt.type).filter(Boolean),
  };
}

function field(name, entry, value, onChange) {
  const { choices, types } = kinds(entry);
  const label = document.createElement("label");
  label.className = "nnviz-serve-option";
  label.title = entry.description || "";
  const caption = document.createElement("span");
  caption.textContent = name;
  let input;
  const listed = choices.length ? choices : types.includes("boolean") ? ["true", "false"] : null;
  if (listed) {
    input = document.createElement("select");
    const shown = entry.default === null || entry.default === undefined ? "auto" : String(entry.default);
    for (const choice of ["", ...listed.map(String)]) {
      const item = document.createElement("option");
      item.value = choice;
      item.textContent = choice === "" ? `default (${shown})` : choice;
      input.append(item);
    }
  } else {
    input = document.createElement("input");
    input.type = "text";
    input.placeholder = entry.default === null || entry.default === undefined ? "auto" : String(entry.default);
  }
  input.name = name;
  input.value = value ?? "";
  input.addEventListener("change", () => onChange(name, input.value));
  label.append(caption, input);
  return label;
}

/** Fill `root` with one field per option of `schemas` (titled sections); `values` is kept. */
export function buildForm(root, sections, values, onChange) {
  root.replaceChildren();
  for (const [title, schema] of sections) {
    const heading = document.createElement("h3");
    heading.textContent = title;
    root.append(heading);
    for (const [name, entry] of Object.entries(schema.properties || {})) {
      root.append(field(name, entry, values[name], onChange));
    }
  }
}
