// Builds the page script of `nnviz serve` (nnviz_core/serve/nnviz-serve.js) from src/, with
// CodeMirror 6 bundled in; `node build.mjs --check` verifies the committed file is what the
// sources and the versions pinned in package-lock.json build. Licences: nnviz-serve.LICENSES.txt.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

const target = "../nnviz_core/serve/nnviz-serve.js";
const licences = "../nnviz_core/serve/nnviz-serve.LICENSES.txt";
const check = process.argv.includes("--check");
const banner =
  "/*! nnviz serve page | MIT licence | bundles CodeMirror 6 (MIT, see nnviz-serve.LICENSES.txt) */";

const result = await build({
  entryPoints: ["src/index.js"],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "eof",
  banner: { js: banner },
  charset: "utf8",
  write: !check,
  outfile: target,
  metafile: true,
});

/** The licence of every npm package bundled in, in name order. */
function licenceText(meta) {
  const packages = new Set();
  for (const input of Object.keys(meta.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packages.add(match[1]);
  }
  const parts = [...packages].sort().map((name) => {
    const dir = `node_modules/${name}`;
    const info = JSON.parse(readFileSync(`${dir}/package.json`, "utf8"));
    const file = ["LICENSE", "LICENSE.md", "LICENSE.txt"].find((f) => existsSync(`${dir}/${f}`));
    const text = file ? readFileSync(`${dir}/${file}`, "utf8").trim() : `${info.license}`;
    return `${name} ${info.version} (${info.license})\n\n${text}\n`;
  });
  return `Third-party code bundled in nnviz-serve.js\n\n${parts.join("\n" + "-".repeat(72) + "\n\n")}`;
}

const text = licenceText(result.metafile);
if (!check) writeFileSync(licences, text);
if (check) {
  const built = result.outputFiles[0].text;
  if (readFileSync(target, "utf8") !== built || readFileSync(licences, "utf8") !== text) {
    console.error(`${target} is not what serve-ui/src builds; run make assets`);
    process.exit(1);
  }
}
