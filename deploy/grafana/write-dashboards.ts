import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dashboardJson, dashboards, fileNameOf } from "./dashboards.js";

/** `npm run dashboards`: writes deploy/grafana/dashboards/*.json from deploy/grafana/dashboards.ts. */
const outputDir = join(import.meta.dirname, "dashboards");
mkdirSync(outputDir, { recursive: true });
for (const spec of dashboards) {
  writeFileSync(join(outputDir, fileNameOf(spec)), `${JSON.stringify(dashboardJson(spec), null, 2)}\n`);
  process.stdout.write(`wrote deploy/grafana/dashboards/${fileNameOf(spec)}\n`);
}
