/**
 * The page of `nnviz serve`: the spec in a CodeMirror editor on the left, its diagram on the
 * right, re-drawn as you type. A render starts 250 ms after the last keystroke; a newer edit
 * aborts the older request, and the last good diagram stays while the spec has errors (shown
 * as lint markers at the core's line:column). Edits are saved to the file; a change on disk
 * from another editor replaces the text.
 */

import { EditorView, basicSetup } from "codemirror";
import { EditorState, Annotation } from "@codemirror/state";
import { yaml } from "@codemirror/lang-yaml";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { autocompletion } from "@codemirror/autocomplete";
import { syntaxHighlighting } from "@codemirror/language";
import { oneDarkHighlightStyle } from "@codemirror/theme-one-dark";
import { Compartment } from "@codemirror/state";
import { readSchema } from "./schema.js";
import { completion, hover } from "./assist.js";
import { buildForm } from "./form.js";
import { download, markdownSnippet, sphinxSnippet } from "./exports.js";
import { layout } from "./layout.js";
import { startScratch, templateText } from "./scratch.js";

const DEBOUNCE_MS = 250;
const remote = Annotation.define();
const dark = window.matchMedia("(prefers-color-scheme: dark)");
const colours = new Compartment();

/** Syntax colours readable on the page's background (CodeMirror's defaults are for light). */
function highlighting() {
  return dark.matches ? syntaxHighlighting(oneDarkHighlightStyle) : [];
}

async function json(url, init) {
  const answer = await fetch(url, init);
  if (!answer.ok) throw new Error(`${url}: ${answer.status}`);
  return answer.json();
}

function diagnostics(doc, errors) {
  return errors.map((error) => {
    const line = doc.line(Math.min(Math.max(error.line, 1), doc.lines));
    const from = Math.min(line.from + Math.max(error.column - 1, 0), line.to);
    const word = /^[\w$.-]+/.exec(doc.sliceString(from, line.to));
    const to = word ? from + word[0].length : line.to;
    return { from, to: Math.max(to, from), severity: "error", message: error.message, source: "nnviz" };
  });
}

async function start(root) {
  const file = JSON.parse(document.getElementById("nnviz-serve-file").textContent);
  const [config, opened] = await Promise.all([
    json("/api/config"),
    file.scratch ? { text: templateText(file, file.template) } : json(`/api/file/${encodeURI(file.name)}`),
  ]);
  const ui = layout(root, file, config);
  const known = readSchema(config.spec);
  const state = { page: crypto.randomUUID?.() ?? String(Math.random()), edit: 0, controller: null, timer: null, saved: opened.text, style: ui.style.value, values: {} };

  const request = () => ({
    name: file.name,
    text: view.state.doc.toString(),
    style: state.style,
    options: { ...state.values },
  });

  function showStatus(text, kind) {
    ui.status.textContent = text;
    ui.status.dataset.kind = kind;
  }

  function showErrors(errors) {
    view.dispatch(setDiagnostics(view.state, diagnostics(view.state.doc, errors)));
    ui.problems.replaceChildren(
      ...errors.map((error) => {
        const item = document.createElement("li");
        item.textContent = error.located ? `${error.line}:${error.column}: ${error.message}` : error.message;
        return item;
      }),
    );
    ui.root.classList.toggle("nnviz-serve-has-errors", errors.length > 0);
  }

  async function render() {
    const edit = ++state.edit;
    state.controller?.abort();
    const controller = (state.controller = new AbortController());
    showStatus("drawing…", "busy");
    const started = performance.now();
    let answer;
    try {
      answer = await json("/api/render", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ...request(), page: state.page, edit }),
        signal: controller.signal,
      });
    } catch (error) {
      if (error.name !== "AbortError") showStatus(`server unreachable: ${error.message}`, "error");
      return;
    }
    if (answer.superseded || edit !== state.edit) return;
    ui.root.dataset.answered = String(edit);
    showErrors(answer.errors);
    if (answer.errors.length) {
      showStatus(`${answer.errors.length} error${answer.errors.length > 1 ? "s" : ""}`, "error");
      return;
    }
    const figure = document.createElement("div");
    figure.className = "nnviz-figure";
    figure.innerHTML = answer.html;
    ui.figure.replaceWith(figure);
    ui.figure = figure;
    ui.root.dataset.edit = String(edit);
    const notes = answer.notes.length ? ` · ${answer.notes.join(" · ")}` : "";
    showStatus(`drawn in ${Math.round(performance.now() - started)} ms${notes}`, "ok");
  }

  async function save(text) {
    if (file.readonly || file.scratch || text === state.saved) return;
    const base = state.saved;
    state.saved = text;
    const answer = await fetch(`/api/file/${encodeURI(file.name)}`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text, base }),
    });
    ui.root.dataset.saved = answer.ok ? "yes" : "no";
    const refused = answer.ok ? {} : await answer.json().catch(() => ({}));
    ui.saveError.textContent = answer.ok ? "" : refused.error || `could not save ${file.name}`;
    ui.saveError.hidden = answer.ok;
    if (!answer.ok && state.saved === text) state.saved = base;  // what the file still holds
  }

  function schedule() {
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      render();
      save(view.state.doc.toString());
    }, DEBOUNCE_MS);
  }

  const view = new EditorView({
    parent: ui.editor,
    state: EditorState.create({
      doc: opened.text,
      extensions: [
        basicSetup,
        EditorView.lineWrapping,
        yaml(),
        lintGutter(),
        autocompletion({ override: [completion(known)] }),
        hover(known),
        colours.of(highlighting()),
        EditorState.readOnly.of(file.readonly),
        EditorView.editable.of(!file.readonly),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) schedule();
        }),
      ],
    }),
  });
  window.nnvizServe = { view };
  if (file.scratch) startScratch(file, ui, view);
  dark.addEventListener("change", () => view.dispatch({ effects: colours.reconfigure(highlighting()) }));

  function restyle() {
    const sections = [[`${state.style} options`, config.styles[state.style].options], ["output", config.output]];
    buildForm(ui.form, sections, state.values, (name, value) => {
      state.values[name] = value;
      render();
    });
  }
  ui.style.addEventListener("change", () => {
    state.style = ui.style.value;
    const output = new Set(Object.keys(config.output.properties));
    state.values = Object.fromEntries(Object.entries(state.values).filter(([name]) => output.has(name)));
    restyle();
    render();
  });
  restyle();

  for (const button of ui.downloads) {
    button.addEventListener("click", async () => {
      const failed = await download(button.dataset.format, request());
      if (failed) showStatus(failed, "error");
    });
  }
  const fromFile = !file.readonly && !file.scratch && /\.ya?ml$/.test(file.name);
  ui.copySphinx.addEventListener("click", () => copy(sphinxSnippet(request(), fromFile)));
  ui.copyMarkdown.addEventListener("click", () => copy(markdownSnippet(request(), fromFile)));
  async function copy(text) {
    ui.snippet.value = text;
    ui.snippet.hidden = false;
    try {
      await navigator.clipboard.writeText(text);
      showStatus("snippet copied", "ok");
    } catch {
      ui.snippet.select();
      showStatus("select and copy the snippet below", "ok");
    }
  }
  ui.toYaml?.addEventListener("click", async () => {
    const made = await json(`/api/to-yaml/${encodeURI(file.name)}`, { method: "POST" });
    window.location.href = `/?file=${encodeURIComponent(made.file)}`;
  });

  if (!file.readonly && !file.scratch) {
    const events = new EventSource(`/api/events/${encodeURI(file.name)}`);
    events.addEventListener("ready", () => {
      ui.root.dataset.watching = "yes";
    });
    events.addEventListener("changed", async () => {
      let now;
      try {
        now = await json(`/api/file/${encodeURI(file.name)}`);
      } catch {
        showStatus(`${file.name} changed on disk and its spec is no longer there; open it again`, "error");
        return;
      }
      const current = view.state.doc.toString();
      if (now.text === state.saved || now.text === current) return;
      state.saved = now.text;
      view.dispatch({ changes: { from: 0, to: current.length, insert: now.text }, annotations: remote.of(true) });
      showStatus("reloaded: the file changed on disk", "ok");
    });
  }
  render();
}

const root = document.getElementById("nnviz-serve");
if (root) start(root);
