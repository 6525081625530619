/** Completion and hover docs for op names, layer keys and arguments, from the schema. */

import { hoverTooltip } from "@codemirror/view";
import { describe, opOnLine } from "./schema.js";

function options(known, lineText) {
  const found = [];
  const op = opOnLine(known, lineText);
  if (op) {
    for (const [name, entry] of Object.entries(known.ops.get(op).args)) {
      found.push({ label: name, type: "property", detail: `${op} argument`, info: describe(entry) });
    }
  }
  for (const [name, info] of known.ops) {
    found.push({ label: name, type: "function", detail: "op", info: info.description });
  }
  for (const [name, info] of known.keys) found.push({ label: name, type: "keyword", info });
  for (const [name, info] of known.top) found.push({ label: name, type: "keyword", info });
  return found;
}

export function completion(known) {
  return (context) => {
    const word = context.matchBefore(/[A-Za-z_]\w*/);
    if (!word && !context.explicit) return null;
    const line = context.state.doc.lineAt(context.pos).text;
    return { from: word ? word.from : context.pos, options: options(known, line), validFor: /^\w*$/ };
  };
}

function docFor(known, word, lineText) {
  const op = opOnLine(known, lineText);
  if (known.ops.has(word)) {
    const args = Object.keys(known.ops.get(word).args);
    const tail = args.length ? `\narguments: ${args.join(", ")}` : "";
    return `${word}: ${known.ops.get(word).description}${tail}`;
  }
  if (op && known.ops.get(op).args[word]) return `${word} (${op}): ${describe(known.ops.get(op).args[word])}`;
  if (known.keys.has(word)) return `${word}: ${known.keys.get(word)}`;
  if (known.top.has(word)) return `${word}: ${known.top.get(word)}`;
  return null;
}

export function hover(known) {
  return hoverTooltip((view, pos) => {
    const line = view.state.doc.lineAt(pos);
    let start = pos;
    let end = pos;
    while (start > line.from && /\w/.test(line.text[start - line.from - 1])) start--;
    while (end < line.to && /\w/.test(line.text[end - line.from])) end++;
    const text = docFor(known, line.text.slice(start - line.from, end - line.from), line.text);
    if (!text) return null;
    return {
      pos: start,
      end,
      create() {
        const dom = document.createElement("div");
        dom.className = "nnviz-serve-doc";
        dom.textContent = text;
        return { dom };
      },
    };
  });
}
