import type { NatsConnection } from "@nats-io/transport-node";
import { expect } from "chai";
import { connectNats } from "../../adapters/nats/connect.js";
import { natsFailure } from "../../cli/nats.js";
import { rigServers } from "../rig/global.js";

/** The error a promise rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, "the call fails").to.be.instanceOf(Error);
  return outcome as Error;
}

describe("NATS connections of the engine and liq (no async stack traces)", () => {
  let nc: NatsConnection;
  before(async () => {
    nc = await connectNats({ servers: (await rigServers()).natsUrl, name: "connect-test" });
  });
  after(async () => {
    await nc.close();
  });

  it("still name what failed: a request nobody answers, and one that times out", async () => {
    const noResponders = await rejection(nc.request("connect-test.nobody", "x", { timeout: 1_000 }));
    expect(noResponders.name).to.equal("RequestError");
    expect(noResponders.message).to.equal("no responders: 'connect-test.nobody'");
    // No Error was built for the caller's stack when the request was made (the per-request cost it saves).
    expect(noResponders.stack).to.not.include("nats-connect.test");
    expect(natsFailure(noResponders, "sending").message).to.match(/^sending: no JetStream stream answered/);

    const sub = nc.subscribe("connect-test.silent", { callback: () => {} });
    try {
      const timeout = await rejection(nc.request("connect-test.silent", "x", { timeout: 50 }));
      expect(timeout.name).to.equal("TimeoutError");
      expect(timeout.message).to.equal("timeout");
      expect(natsFailure(timeout, "sending").message).to.equal("sending: NATS did not answer in time");
    } finally {
      sub.unsubscribe();
    }
  });
});
