import { status } from "@grpc/grpc-js";
import { expect } from "chai";
import { MongoActorStore } from "../../adapters/mongo/mongo-actor-store.js";
import { structOf } from "../../adapters/grpc/struct.js";
import type { JobView__Output } from "../../protos/generated/liquidity/v1/JobView.js";
import type { ListJobsResponse__Output } from "../../protos/generated/liquidity/v1/ListJobsResponse.js";
import { accessFile } from "../support/access-file.js";
import { EngineProcess } from "../support/engine-process.js";
import { servingAndReflected } from "../support/grpc-client.js";
import { TestJobsClient } from "../support/grpc-jobs-client.js";
import { isolatedEngineEnv } from "../support/integration.js";
import { runLiq } from "../support/liq-process.js";
import { scratchFolder } from "../support/scratch-folder.js";
import { eventually } from "../support/tally.js";

/** A job every second that adds 1 to a tally: the reference actor, harmless, one of the targets a job may send. */
const everySecond = (tallyId: string, change: Record<string, unknown> = {}) => ({
  cron: "* * * * * *",
  time_zone: "Europe/Berlin",
  target: { kind: "tally", actor_id: tallyId, command: "add", payload: structOf({ amount: "1" }) },
  ...change,
});

/** The Jobs service and `liq jobs` against a real engine process (NATS, a MongoDB-wire server), restarted once. */
describe("jobs over gRPC and liq, against a real engine process", function () {
  this.timeout(180_000);
  let env: Record<string, string>;
  let engine: EngineProcess;
  let address: string;
  let tokens: Record<string, string>;
  let olivia: TestJobsClient;
  let victor: TestJobsClient;
  let store: MongoActorStore;
  const files = scratchFolder("liq-jobs-", "block");

  const start = async () => {
    engine = await EngineProcess.start({ env });
    const ready = engine.lines.find((line) => line["event"] === "ready")!;
    address = `127.0.0.1:${String(ready["grpcPort"])}`;
    olivia = new TestJobsClient(address, tokens["olivia"]);
    victor = new TestJobsClient(address, tokens["victor"]);
  };
  const stop = async () => {
    olivia?.close();
    victor?.close();
    await engine?.stop();
  };
  const getJob = (jobId: string) => victor.must<JobView__Output>("GetJob", { job_id: jobId });
  const listJobs = (request: object = {}) => victor.must<ListJobsResponse__Output>("ListJobs", request);
  /** The slots a job journaled as fired. */
  const firedSlots = async (jobId: string): Promise<number[]> => {
    const entries = await store.readEntries({ kind: "schedule", actorId: jobId }, 0, 10_000);
    return entries.flatMap((entry) =>
      entry.events.filter((event) => event.type === "slotFired").map((event) => event["slot"] as number),
    );
  };

  before(async () => {
    const access = accessFile({ olivia: ["operator"], victor: ["viewer"] });
    tokens = access.tokens;
    env = await isolatedEngineEnv({
      LIQ_ACCESS_FILE: access.file,
      LIQ_DEV_ACCESS: "false",
      LIQ_REMINDER_POLL_INTERVAL_MS: "100",
    });
    store = await MongoActorStore.connect({ url: env["LIQ_MONGO_URL"]!, database: env["LIQ_MONGO_DB"]! });
    await start();
  });
  after(async () => {
    await stop();
    await store?.close();
  });

  it("puts a job every second, lists it, runs no slot while it is paused, and goes on from now when resumed", async () => {
    const putTick = { job_id: "tick", job: everySecond("tick-tally"), expected_version: 0, request_id: "put-tick" };
    const put = await olivia.must<JobView__Output>("PutJob", putTick);
    const retried = await olivia.must<JobView__Output>("PutJob", putTick);
    expect(retried, "a retry with the request id applies nothing twice").to.deep.include({ version: "1" });
    expect(await olivia.call("PutJob", { ...putTick, request_id: "" })).to.deep.include({
      ok: false,
      engineCode: "version_conflict",
    });
    expect(put).to.deep.include({ job_id: "tick", status: "active", version: "1", paused: false });
    expect(put.job).to.deep.include({ cron: "* * * * * *", time_zone: "Europe/Berlin", missed_slots: "run_once" });
    expect(put.last_change).to.deep.include({ kind: "put", principal: "grpc:olivia" });
    expect(Number(put.next_slot_ms)).to.be.greaterThan(0);
    // A control job that keeps firing: time passing is seen in its slots, not slept for.
    await olivia.must("PutJob", { job_id: "control", job: everySecond("control-tally"), expected_version: 0 });

    await eventually("the directory lists both jobs with a slot applied", async () => {
      const { jobs } = await listJobs();
      return (
        jobs.map((job) => job.job_id).join() === "control,tick" && jobs.every((job) => Number(job.slots_applied) >= 1)
      );
    });

    const paused = await olivia.must<JobView__Output>("PauseJob", { job_id: "tick" });
    expect(paused).to.deep.include({ paused: true, next_slot_ms: "0", version: "1" });
    expect(paused.last_change).to.deep.include({ kind: "pause", principal: "grpc:olivia" });
    const pausedAt = Number(paused.last_change!.at_ms);
    await eventually("the directory lists it as paused", async () => {
      const { jobs } = await listJobs({ paused: true });
      return jobs.map((job) => job.job_id).join() === "tick";
    });
    const controlAtPause = Number((await getJob("control")).slots_fired);
    await eventually(
      "three more slots of the control job",
      async () => Number((await getJob("control")).slots_fired) >= controlAtPause + 3,
    );
    expect(
      (await firedSlots("tick")).filter((slot) => slot > pausedAt),
      "no slot while paused",
    ).to.deep.equal([]);

    const resumed = await olivia.must<JobView__Output>("ResumeJob", { job_id: "tick" });
    const resumedAt = Number(resumed.last_change!.at_ms);
    expect(resumed).to.deep.include({ paused: false, version: "1" });
    expect(Number(resumed.next_slot_ms)).to.be.greaterThan(resumedAt);
    await eventually("a slot after the resume", async () =>
      (await firedSlots("tick")).some((slot) => slot > resumedAt),
    );
    expect(
      (await firedSlots("tick")).filter((slot) => slot > pausedAt && slot <= resumedAt),
      "slots that passed while paused never run",
    ).to.deep.equal([]);
    const paged = await listJobs({ page_size: 1 });
    expect(paged.jobs.map((job) => job.job_id)).to.deep.equal(["control"]);
    const rest = await listJobs({ page_size: 1, page_token: paged.next_page_token });
    expect([rest.jobs.map((job) => job.job_id), rest.next_page_token]).to.deep.equal([["tick"], ""]);

    // The every-second jobs stop here; the rest of the file reads them as they are left.
    await olivia.must("PauseJob", { job_id: "control" });
    const tick = await getJob("tick");
    await olivia.must("DeleteJob", { job_id: "tick", expected_version: tick.version, request_id: "delete-tick" });
  });

  it("refuses a target a job may not send, a bad definition and a stale version, changing nothing", async () => {
    const refused = async (request: object, code: status, engineCode: string, message?: RegExp) => {
      const outcome = await olivia.call("PutJob", { job_id: "refused", expected_version: 0, ...request });
      expect(outcome, JSON.stringify(outcome)).to.deep.include({ ok: false, code, engineCode });
      if (message) expect(outcome.ok ? "" : outcome.details).to.match(message);
    };
    const approve = { kind: "transfer", actor_id: "t-1", command: "approve", payload: structOf({}) };
    await refused(
      { job: everySecond("x", { target: approve }) },
      status.INVALID_ARGUMENT,
      "target_not_allowed",
      /may not send transfer approve/,
    );
    const create = {
      kind: "transfer",
      actor_id: "sweep-1",
      command: "create",
      payload: structOf({
        from: "BANKA:A1",
        to: "BANKB:B1",
        amount: "10",
        currency: "EUR",
        debitChannel: "a",
        creditChannel: "b",
      }),
    };
    await refused({ job: everySecond("x", { target: create }) }, status.INVALID_ARGUMENT, "invalid_target", /\{slot\}/);
    await refused(
      { job: everySecond("x", { cron: "61 * * * *" }) },
      status.INVALID_ARGUMENT,
      "invalid_command",
      /^cron/,
    );
    await refused(
      { job: everySecond("x", { time_zone: "+02:00" }) },
      status.INVALID_ARGUMENT,
      "invalid_command",
      /^timeZone/,
    );
    expect(
      await victor.call("PutJob", { job_id: "refused", job: everySecond("x"), expected_version: 0 }),
    ).to.deep.include({
      ok: false,
      code: status.PERMISSION_DENIED,
    });
    expect(await victor.call("GetJob", { job_id: "refused" })).to.deep.include({
      ok: false,
      code: status.NOT_FOUND,
      engineCode: "job_not_found",
    });
    expect(
      await olivia.call("PutJob", { job_id: "control", job: everySecond("x"), expected_version: 0 }),
    ).to.deep.include({
      ok: false,
      code: status.ABORTED,
      engineCode: "version_conflict",
    });
    expect(await olivia.call("PauseJob", { job_id: "never" })).to.deep.include({ ok: false, code: status.NOT_FOUND });
  });

  it("lists the same jobs after a restart: the directory rebuilds from each job's last event", async () => {
    await eventually("the directory has the pause and the delete", async () => {
      const { jobs } = await listJobs();
      return JSON.stringify(jobs.map((job) => [job.job_id, job.paused])) === '[["control",true]]';
    });
    const before = (await listJobs()).jobs;
    const deleted = await getJob("tick");
    expect(deleted).to.deep.include({ status: "deleted", version: "2", job: null });
    await stop();
    await start();
    await servingAndReflected(address, "liquidity.v1.Jobs");
    // Serving means caught up: the list is whole at once, and the paused job (no event since) came from the stream.
    const after = (await listJobs()).jobs;
    expect(after.map((job) => [job.job_id, job.paused, job.version, job.slots_fired])).to.deep.equal(
      before.map((job) => [job.job_id, job.paused, job.version, job.slots_fired]),
    );
  });

  it("liq jobs: put from a file, list, get, pause, resume and delete, as tables and --json", async () => {
    const liq = (args: string[]) => runLiq(args, { LIQ_SERVER: address, LIQ_TOKEN: tokens["olivia"]! });
    const file = files.file("job.json", {
      cron: "0 2 * * *",
      timeZone: "Asia/Shanghai",
      target: { kind: "tally", actorId: "nightly-tally", type: "add", payload: { amount: "2.50" } },
      missedSlots: "skip",
    });
    const put = await liq(["--json", "jobs", "put", "nightly", "--file", file]);
    expect(put.code, put.stderr).to.equal(0);
    expect(JSON.parse(put.stdout)).to.deep.include({ job_id: "nightly", version: "1", status: "active" });

    const listed = await liq(["jobs", "list", "--not-paused"]);
    expect(listed.code, listed.stderr).to.equal(0);
    expect(listed.stdout).to.match(/nightly\W+active\W+0 2 \* \* \* Asia\/Shanghai\W+tally nightly-tally add/);
    expect(listed.stdout).to.not.match(/control/);

    const paused = await liq(["jobs", "pause", "nightly"]);
    expect(paused.code, paused.stderr).to.equal(0);
    expect(paused.stdout).to.match(/state\W+paused/);
    const got = await liq(["jobs", "get", "nightly"]);
    expect(got.stdout)
      .to.match(/last change\W+pause by grpc:olivia/)
      .and.match(/missed slots\W+skip/);
    expect((await liq(["jobs", "resume", "nightly"])).stdout).to.match(/state\W+active/);

    const conflict = await liq(["jobs", "put", "nightly", "--file", file]);
    expect(conflict.code).to.equal(1);
    expect(conflict.stderr).to.match(/is at version 1, not 0/);
    const refused = files.file("refused.json", {
      cron: "0 2 * * *",
      timeZone: "UTC",
      target: { kind: "account", actorId: "BANKA:A1", type: "freeze", payload: {} },
    });
    const notAllowed = await liq(["jobs", "put", "freezer", "--file", refused]);
    expect([notAllowed.code, notAllowed.stderr]).to.satisfy(
      ([code, stderr]: [number, string]) => code === 1 && /target_not_allowed/.test(stderr),
    );
    const bad = files.file("bad.json", { cron: "0 2 * * *" });
    expect((await liq(["jobs", "put", "nightly", "--file", bad])).code).to.equal(2);

    const deleted = await liq(["jobs", "delete", "nightly", "--expected-version", "1"]);
    expect(deleted.code, deleted.stderr).to.equal(0);
    expect(deleted.stdout).to.match(/state\W+deleted/);
  });

  it("is listed by reflection", async () => {
    expect(await servingAndReflected(address, "liquidity.v1.Jobs")).to.include("liquidity.v1.Jobs");
  });
});
