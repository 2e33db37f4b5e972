#!/usr/bin/env node
// `liq`, the engine's command-line client (cli/, docs/cli.md). In the compiled package (deploy/build.sh puts this
// file in dist/bin/, next to dist/cli/main.js) it runs the JavaScript; in the repository it runs cli/main.ts
// through tsx, a development dependency.
import { existsSync } from "node:fs";

const compiled = new URL("../cli/main.js", import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(new URL("../cli/main.ts", import.meta.url).href);
}
