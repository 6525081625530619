/** Downloads (SVG, PNG, PDF, PPTX, YAML) and the ready-to-paste Sphinx and MkDocs snippets. */

function save(blob, filename) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

export function stem(name) {
  const base = name.split(/[/:]/).filter((part) => !/^\d+$/.test(part)).pop() || "diagram";
  return base.replace(/\.[^.]*$/, "") || "diagram";
}

export async function download(format, request) {
  const filename = `${stem(request.name)}.${format}`;
  if (format === "yaml") {
    save(new Blob([request.text], { type: "application/yaml" }), filename);
    return null;
  }
  const answer = await fetch(`/api/export/${format}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(request),
  });
  if (!answer.ok) {
    const body = await answer.json().catch(() => ({ errors: [{ message: answer.statusText }] }));
    return body.errors?.[0]?.message || "export failed";
  }
  save(await answer.blob(), filename);
  return null;
}

function set(options) {
  return Object.entries(options).filter(([, value]) => value !== "" && value !== undefined);
}

/** A `.. nnviz::` directive: the spec file when it is one, else the spec inline. */
export function sphinxSnippet(request, fromFile) {
  const lines = [fromFile ? `.. nnviz:: ${request.name}` : ".. nnviz::", `   :style: ${request.style}`];
  for (const [name, value] of set(request.options)) lines.push(`   :${name.replaceAll("_", "-")}: ${value}`);
  if (!fromFile) lines.push("", ...request.text.trimEnd().split("\n").map((line) => (line ? `   ${line}` : "")));
  return `${lines.join("\n")}\n`;
}

/** A ```` ```nnviz ```` fence with the same choices. */
export function markdownSnippet(request, fromFile) {
  const attributes = [`style="${request.style}"`, ...set(request.options).map(([k, v]) => `${k}="${v}"`)];
  if (fromFile) attributes.unshift(`file="${request.name}"`);
  const body = fromFile ? "" : `${request.text.trimEnd()}\n`;
  return `\`\`\`nnviz ${attributes.join(" ")}\n${body}\`\`\`\n`;
}
