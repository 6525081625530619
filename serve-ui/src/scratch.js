/**
 * A scratch spec (`nnviz serve` with no PATH): started from one of the project's examples,
 * kept in the page until "save as" writes it as a new file in the served folder (never over
 * one), after which the page edits that file like any other.
 */

import { element } from "./dom.js";

/** The text of the template ``key`` (empty when the examples were not found). */
export function templateText(file, key) {
  return file.templates.find((entry) => entry.key === key)?.text ?? "";
}

/** The bar's controls: the template menu and the "save as" name and button. */
export function scratchControls(file) {
  const template = element("select", { "aria-label": "template", class: "nnviz-serve-template" });
  for (const entry of file.templates) {
    template.append(element("option", { value: entry.key, text: entry.title }));
  }
  template.value = file.template;
  const name = element("input", {
    "aria-label": "file name",
    class: "nnviz-serve-name",
    value: `${file.template}.yaml`,
    spellcheck: "false",
  });
  const saveAs = element("button", { type: "button", class: "nnviz-serve-primary", text: "save as" });
  const controls = element(
    "span",
    { class: "nnviz-serve-scratch" },
    element("label", {}, "template ", template),
    element("span", { class: "nnviz-serve-group" }, name, saveAs),
  );
  return { controls, template, name, saveAs };
}

/** Wire the controls to the editor: a template replaces the text (asking first when it was
 *  edited), "save as" creates the file and opens it. */
export function startScratch(file, ui, view) {
  let pristine = templateText(file, file.template);
  const edited = () => view.state.doc.toString() !== pristine;

  ui.scratch.template.addEventListener("change", () => {
    const key = ui.scratch.template.value;
    const title = ui.scratch.template.selectedOptions[0].textContent;
    if (edited() && !window.confirm(`Replace your edits with the ${title} template?`)) {
      ui.scratch.template.value = new URL(window.location.href).searchParams.get("template") || file.template;
      return;
    }
    pristine = templateText(file, key);
    const url = new URL(window.location.href);
    url.searchParams.set("template", key);
    window.history.replaceState(null, "", url);
    ui.scratch.name.value = `${key}.yaml`;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: pristine } });
  });

  ui.scratch.saveAs.addEventListener("click", async () => {
    const name = ui.scratch.name.value.trim();
    const answer = await fetch("/api/save-as", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name, text: view.state.doc.toString() }),
    });
    const body = await answer.json();
    ui.saveError.textContent = answer.ok ? "" : body.error;
    ui.saveError.hidden = answer.ok;
    if (!answer.ok) return;
    pristine = view.state.doc.toString();
    window.location.href = `/?file=${encodeURIComponent(body.file)}`;
  });

  window.addEventListener("beforeunload", (event) => {
    if (!edited()) return;
    event.preventDefault();  // not saved anywhere yet: the browser asks before leaving
    event.returnValue = "";  // the same request, for browsers that predate preventDefault here
  });
}
