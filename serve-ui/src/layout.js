import { element } from "./dom.js";
import { scratchControls } from "./scratch.js";

/** The page's elements: a top bar (file, status, style, exports), editor and diagram panes. */

export function layout(root, file, config) {
  const style = element("select", { "aria-label": "style", class: "nnviz-serve-style" });
  for (const [name, info] of Object.entries(config.styles)) {
    style.append(element("option", { value: name, title: info.description, text: name }));
  }
  const asked = new URLSearchParams(window.location.search).get("style");
  if (asked && asked in config.styles) style.value = asked;
  const downloads = ["svg", "png", "pdf", "pptx", "yaml"].map((format) =>
    element("button", { type: "button", "data-format": format, text: format.toUpperCase() }),
  );
  const copySphinx = element("button", { type: "button", text: "copy .. nnviz::" });
  const copyMarkdown = element("button", { type: "button", text: "copy ```nnviz" });
  const status = element("span", { class: "nnviz-serve-status", role: "status" });
  const saveError = element("span", { class: "nnviz-serve-save-error", role: "alert" });
  saveError.hidden = true;
  const toYaml = file.readonly ? element("button", { type: "button", class: "nnviz-serve-primary", text: "export to YAML" }) : null;
  const scratch = file.scratch ? scratchControls(file) : null;
  const title = element(
    "span",
    { class: "nnviz-serve-file" },
    file.scratch ? "new spec" : file.name,
    file.readonly ? element("em", { text: " (read-only)" }) : "",
    file.scratch ? element("em", { text: " (not saved)" }) : "",
    !file.readonly && /:\d+$/.test(file.name) ? element("em", { text: " (inline: saved into its page)" }) : "",
  );
  const bar = element(
    "header",
    { class: "nnviz-serve-bar" },
    element("strong", { text: "nnviz" }),
    title,
    ...(toYaml ? [toYaml] : []),
    ...(scratch ? [scratch.controls] : []),
    status,
    saveError,
    element("span", { class: "nnviz-serve-spacer" }),
    element("label", {}, "style ", style),
    element("span", { class: "nnviz-serve-group", "aria-label": "download" }, ...downloads),
  );
  const editor = element("section", { class: "nnviz-serve-editor" });
  const figure = element("div", { class: "nnviz-figure" });
  const problems = element("ul", { class: "nnviz-serve-problems" });
  const form = element("form", { class: "nnviz-serve-form" });
  const snippet = element("textarea", { class: "nnviz-serve-snippet", readonly: "", rows: "6", "aria-label": "snippet" });
  snippet.hidden = true;
  const options = element("details", { class: "nnviz-serve-options" }, element("summary", { text: "options" }), form);
  options.open = true;
  const diagram = element("section", { class: "nnviz-serve-diagram" }, problems, figure);
  const copy = element(
    "div",
    { class: "nnviz-serve-copy" },
    element("span", { text: "snippet for the docs" }),
    element("span", { class: "nnviz-serve-group" }, copySphinx, copyMarkdown),
  );
  const side = element("aside", { class: "nnviz-serve-side" }, copy, snippet, options);
  root.className = "nnviz-serve";
  root.append(bar, element("div", { class: "nnviz-serve-main" }, editor, diagram, side));
  return { root, scratch, style, downloads, copySphinx, copyMarkdown, status, saveError, toYaml, editor, figure, problems, form, snippet };
}
