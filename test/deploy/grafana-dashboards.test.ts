import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { parse } from "yaml";
import { dashboardJson, dashboards, datasource, fileNameOf } from "../../deploy/grafana/dashboards.js";

const grafanaDir = join(import.meta.dirname, "../../deploy/grafana");

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  datasource?: { type: string; uid: string };
  targets?: Array<{ refId: string; expr: string; datasource: { uid: string } }>;
}

/** Panels overlap when their grid rectangles intersect. */
function overlaps(a: Panel["gridPos"], b: Panel["gridPos"]): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe("Grafana dashboards (deploy/grafana, ADR 008 §6)", () => {
  it("are committed exactly as the generator writes them (npm run dashboards)", () => {
    const committed = readdirSync(join(grafanaDir, "dashboards"))
      .filter((name) => name.endsWith(".json"))
      .sort();
    expect(committed).to.deep.equal(dashboards.map(fileNameOf).sort());
    for (const spec of dashboards) {
      const text = readFileSync(join(grafanaDir, "dashboards", fileNameOf(spec)), "utf8");
      expect(text, `${fileNameOf(spec)} is stale: run npm run dashboards`).to.equal(
        `${JSON.stringify(dashboardJson(spec), null, 2)}\n`,
      );
    }
  });

  it("use the provisioned datasource by its uid, on every panel and query", () => {
    const provisioned = parse(readFileSync(join(grafanaDir, "provisioning/datasources/prometheus.yml"), "utf8")) as {
      datasources: Array<{ uid: string; type: string }>;
    };
    expect(provisioned.datasources.map((source) => [source.type, source.uid])).to.deep.include([
      datasource.type,
      datasource.uid,
    ]);
    for (const spec of dashboards) {
      const json = dashboardJson(spec) as {
        panels: Panel[];
        templating: { list: Array<{ datasource: { uid: string } }> };
      };
      for (const panel of json.panels.filter((candidate) => candidate.type !== "row")) {
        expect(panel.datasource?.uid, `${spec.title} / ${panel.title}`).to.equal(datasource.uid);
        for (const target of panel.targets ?? []) expect(target.datasource.uid).to.equal(datasource.uid);
      }
      for (const variable of json.templating.list) expect(variable.datasource.uid).to.equal(datasource.uid);
    }
  });

  it("have unique uids, unique panel ids, queries with unique refIds, and panels inside the grid without overlap", () => {
    expect(new Set(dashboards.map((spec) => spec.uid)).size).to.equal(dashboards.length);
    expect(dashboards.map((spec) => spec.uid)).to.include("liq-liquidity");
    for (const spec of dashboards) {
      const { panels } = dashboardJson(spec) as { panels: Panel[] };
      expect(new Set(panels.map((panel) => panel.id)).size, spec.title).to.equal(panels.length);
      for (const [index, panel] of panels.entries()) {
        expect(panel.gridPos.x + panel.gridPos.w, `${spec.title} / ${panel.title} width`).to.be.at.most(24);
        for (const other of panels.slice(index + 1))
          expect(overlaps(panel.gridPos, other.gridPos), `${panel.title} overlaps ${other.title}`).to.equal(false);
        if (panel.type === "row") continue;
        expect(panel.targets, `${spec.title} / ${panel.title} has queries`).to.not.be.empty;
        expect(new Set(panel.targets!.map((target) => target.refId)).size).to.equal(panel.targets!.length);
      }
    }
  });

  it("refer only to template variables the dashboard defines", () => {
    for (const spec of dashboards) {
      const json = dashboardJson(spec) as { panels: Panel[] };
      const defined = new Set(spec.variables.map((variable) => variable.name));
      for (const panel of json.panels) {
        for (const target of panel.targets ?? []) {
          for (const [, name] of target.expr.matchAll(/\$(\w+)/g)) {
            if (name!.startsWith("__")) continue;
            expect(defined.has(name!), `${spec.title} / ${panel.title}: $${name!}`).to.equal(true);
          }
        }
      }
    }
  });

  it("are found where the dashboard provider looks (the compose mount)", () => {
    const provider = parse(readFileSync(join(grafanaDir, "provisioning/dashboards/dashboards.yml"), "utf8")) as {
      providers: Array<{ type: string; options: { path: string } }>;
    };
    const compose = readFileSync(join(grafanaDir, "../docker-compose.yml"), "utf8");
    const path = provider.providers[0]!.options.path;
    expect(compose).to.match(new RegExp(`grafana/dashboards:${path.replaceAll("/", "\\/")}`));
  });
});
