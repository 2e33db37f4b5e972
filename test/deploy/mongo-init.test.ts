import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { expect } from "chai";
import { deployDir } from "../support/deploy.js";

/**
 * deploy/mongo/init-replica-set.js (the compose deployment's `mongo-init` job) run against a stand-in for mongosh's
 * `rs` helpers: no MongoDB replica set can run on this machine (no mongod; FerretDB has no replication), so this
 * checks the script's own logic only: initiate once, idempotently, then wait for a primary or fail.
 */
const script = readFileSync(join(deployDir, "mongo/init-replica-set.js"), "utf8");

interface Outcome {
  readonly initiated: unknown[];
  readonly printed: string[];
  readonly exitCode: number | undefined;
}

/** Runs the script; `statuses` is what successive rs.status() calls return (an Error is thrown). */
function runScript(
  alreadyInitiated: boolean,
  statuses: Array<{ members: Array<{ name: string; stateStr: string }> } | Error>,
): Outcome {
  const initiated: unknown[] = [];
  const printed: string[] = [];
  let exitCode: number | undefined;
  let calls = 0;
  let clock = 0;
  const notInitiated = Object.assign(new Error("no replset config has been received"), {
    code: 94,
    codeName: "NotYetInitialized",
  });
  const rs = {
    status: () => {
      if (!alreadyInitiated && initiated.length === 0) throw notInitiated;
      const next = statuses[Math.min(calls++, statuses.length - 1)]!;
      if (next instanceof Error) throw next;
      return next;
    },
    initiate: (config: unknown) => {
      initiated.push(config);
      return { ok: 1 };
    },
  };
  class Quit extends Error {}
  try {
    runInNewContext(script, {
      rs,
      JSON,
      print: (text: string) => printed.push(text),
      sleep: (ms: number) => (clock += ms),
      quit: (code: number) => {
        exitCode = code;
        throw new Quit();
      },
      Date: { now: () => clock },
    });
  } catch (error) {
    if (!(error instanceof Quit)) throw error;
  }
  return { initiated, printed, exitCode };
}

const secondary = (name: string) => ({ name, stateStr: "SECONDARY" });
const primary = (name: string) => ({ name, stateStr: "PRIMARY" });

describe("deploy/mongo/init-replica-set.js (logic, against a stand-in for mongosh)", () => {
  it("initiates rs0 with the three compose members, then waits until one is primary", () => {
    const outcome = runScript(false, [
      new Error("not yet"),
      { members: [secondary("mongo1:27017")] },
      { members: [primary("mongo1:27017"), secondary("mongo2:27017")] },
    ]);
    expect(outcome.initiated).to.have.length(1);
    const config = outcome.initiated[0] as { _id: string; members: Array<{ host: string }> };
    expect(config._id).to.equal("rs0");
    expect(config.members.map((member) => member.host)).to.deep.equal(["mongo1:27017", "mongo2:27017", "mongo3:27017"]);
    expect(outcome.exitCode).to.equal(undefined);
    expect(outcome.printed.at(-1)).to.equal("replica set rs0 has a primary: mongo1:27017");
  });

  it("does not initiate a set already initiated (a restart of the deployment), and only waits", () => {
    const outcome = runScript(true, [{ members: [secondary("mongo1:27017"), primary("mongo2:27017")] }]);
    expect(outcome.initiated).to.deep.equal([]);
    expect(outcome.printed).to.include("replica set rs0 already initiated");
    expect(outcome.exitCode).to.equal(undefined);
  });

  it("exits 1 when no primary appears within 120 s, so the engine does not start", () => {
    const outcome = runScript(false, [{ members: [secondary("mongo1:27017"), secondary("mongo2:27017")] }]);
    expect(outcome.exitCode).to.equal(1);
    expect(outcome.printed.at(-1)).to.match(/^no primary after 120 s/);
  });
});
