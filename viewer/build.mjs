// Builds the one page script nnviz ships (nnviz_core/viewer/nnviz-viewer.js) from src/.
// `make assets` runs it; the output is committed, and the same sources and pinned esbuild
// give the same bytes, which `node build.mjs --check` verifies.
import { readFileSync } from "node:fs";
import { build } from "esbuild";

const target = "../nnviz_core/viewer/nnviz-viewer.js";
const check = process.argv.includes("--check");
const banner = "/*! nnviz viewer | MIT licence | https://github.com/nnviz-docs — built from viewer/src */";

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
});
if (check) {
  const built = result.outputFiles[0].text;
  if (readFileSync(target, "utf8") !== built) {
    console.error(`${target} is not what viewer/src builds; run make assets`);
    process.exit(1);
  }
}
