import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { DockerfileParser, type Copy, type Dockerfile, type Healthcheck, type Instruction } from "dockerfile-ast";
import { validate } from "dockerfile-utils";
import { repoRoot } from "../support/deploy.js";

/**
 * The Dockerfile, checked without a Docker engine: dockerfile-utils (the validator behind editors' Dockerfile
 * support) finds no problem; every COPY source exists and is in the build context (.dockerignore); the stages,
 * user, healthcheck and command are the ones deploy/README.md describes. test/deploy/build.test.ts runs its build.
 */
const text = readFileSync(join(repoRoot, "Dockerfile"), "utf8");
const dockerfile: Dockerfile = DockerfileParser.parse(text);
const instructions = dockerfile.getInstructions();
const keyword = (instruction: Instruction) => instruction.getKeyword();
/** The instructions of the stage named `name` (from its FROM to the next). */
function stage(name: string): Instruction[] {
  const froms = instructions.filter((instruction) => keyword(instruction) === "FROM");
  const start = froms.findIndex((from) => from.getArguments().at(-1)?.getValue() === name);
  expect(start, `stage ${name}`).to.be.at.least(0);
  const first = instructions.indexOf(froms[start]!);
  const end = froms[start + 1] ? instructions.indexOf(froms[start + 1]!) : instructions.length;
  return instructions.slice(first, end);
}
/** The JSON (exec) form of CMD, or of HEALTHCHECK after its `CMD`. */
function execForm(instruction: Instruction): string[] {
  const content = instruction.getArgumentsContent() ?? "";
  return JSON.parse(content.slice(content.indexOf("["))) as string[];
}

/** .dockerignore excludes everything (`**`) and lets in what it names with `!path` or `!folder/**`. */
function inBuildContext(path: string): boolean {
  const lines = readFileSync(join(repoRoot, ".dockerignore"), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  expect(lines[0], ".dockerignore starts by excluding everything").to.equal("**");
  return lines.some(
    (line) =>
      line === `!${path}` || line === `!${path}/**` || (line.endsWith("/**") && path.startsWith(line.slice(1, -2))),
  );
}

describe("Dockerfile", () => {
  it("has no problem dockerfile-utils can find", () => {
    expect(
      validate(text).map((diagnostic) => `${diagnostic.range.start.line + 1}: ${diagnostic.message}`),
    ).to.deep.equal([]);
  });

  it("dockerfile-utils does flag a broken Dockerfile (the check is not vacuous)", () => {
    expect(
      validate("FROM node:20-bookworm-slim\nCOPY package.json\nHEALTHCHECK --interval=abc CMD true\nEXPOSE port\n"),
    ).to.have.length.at.least(3);
  });

  it("builds in one stage and runs in another, both from node:20-bookworm-slim", () => {
    const argument = instructions.find(
      (instruction) => keyword(instruction) === "ARG" && instruction.getArgumentsContent()?.startsWith("NODE_IMAGE="),
    );
    expect(argument?.getArgumentsContent()).to.equal("NODE_IMAGE=node:20-bookworm-slim");
    const froms = instructions
      .filter((instruction) => keyword(instruction) === "FROM")
      .map((from) => from.getArgumentsContent());
    expect(froms).to.deep.equal(["${NODE_IMAGE} AS build", "${NODE_IMAGE} AS runtime"]);
  });

  it("installs with npm ci, compiles with npm run build, and prunes the dev dependencies", () => {
    const runs = stage("build")
      .filter((instruction) => keyword(instruction) === "RUN")
      .map((run) => run.getArgumentsContent()?.replace(/\s+/g, " "));
    expect(runs).to.deep.equal([
      "npm ci --ignore-scripts --no-audit --no-fund",
      "npm run build && npm prune --omit=dev --ignore-scripts --no-audit --no-fund",
    ]);
    expect(
      (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts[
        "build"
      ],
    ).to.equal("bash deploy/build.sh");
  });

  it("copies only sources that exist and that .dockerignore lets into the build context", () => {
    const copies = stage("build").filter((instruction): instruction is Copy => keyword(instruction) === "COPY");
    expect(copies.length).to.be.greaterThan(3);
    for (const copy of copies) {
      const sources = copy
        .getArguments()
        .slice(0, -1)
        .map((argument) => argument.getValue());
      for (const source of sources) {
        expect(existsSync(join(repoRoot, source)), `COPY ${source}`).to.equal(true);
        expect(inBuildContext(source), `${source} is in the build context`).to.equal(true);
      }
    }
  });

  it("the runtime stage copies only the build stage's package.json, production node_modules and dist", () => {
    const copies = stage("runtime").filter((instruction): instruction is Copy => keyword(instruction) === "COPY");
    const from = (copy: Copy) =>
      copy
        .getFlags()
        .find((flag) => flag.getName() === "from")
        ?.getValue();
    expect(copies.map(from)).to.deep.equal(["build", "build", "build"]);
    expect(copies.map((copy) => copy.getArguments()[0]?.getValue())).to.deep.equal([
      "/app/package.json",
      "/app/node_modules",
      "/app/dist",
    ]);
  });

  it("runs as the unprivileged user node, checks readiness, and starts the compiled engine", () => {
    const runtime = stage("runtime");
    expect(
      runtime.filter((instruction) => keyword(instruction) === "USER").map((user) => user.getArgumentsContent()),
    ).to.deep.equal(["node"]);
    const healthcheck = runtime.find((instruction) => keyword(instruction) === "HEALTHCHECK");
    const flags = (healthcheck as Healthcheck).getFlags().map((flag) => flag.getName());
    expect(flags).to.have.members(["interval", "timeout", "start-period", "retries"]);
    expect(execForm(healthcheck!)).to.deep.equal(["node", "dist/bin/healthcheck.js"]);
    expect(execForm(runtime.find((instruction) => keyword(instruction) === "CMD")!)).to.deep.equal([
      "node",
      "dist/bin/engine.js",
    ]);
    expect(runtime.filter((instruction) => keyword(instruction) === "ENTRYPOINT")).to.have.length(0);
  });
});
