import { expect } from "chai";
import { MemoryActorStore } from "../../adapters/memory/memory-actor-store.js";
import { MemoryEventBus } from "../../adapters/memory/memory-event-bus.js";
import { tallyKind } from "../../actors/tally/index.js";
import { ActorSystem, type ActorSystemOptions } from "../../runtime/actor-system.js";
import type { AppendBatch, AppendOutcome } from "../../runtime/ports.js";
import { sendTally } from "../support/tally.js";

/** A store whose appends of one actor wait at a gate while it is closed. */
class GatedStore extends MemoryActorStore {
  gatedActor: string | undefined;
  gate: Promise<void> | undefined;

  override async append(batches: readonly AppendBatch[]): Promise<AppendOutcome[]> {
    if (batches.some((batch) => batch.entries[0]?.actorId === this.gatedActor)) await this.gate;
    return super.append(batches);
  }
}

describe("passivation: idle actors and the cap on actors in memory", () => {
  const systems: ActorSystem[] = [];
  let now = 0;
  const make = (limits: ActorSystemOptions["limits"], store = new MemoryActorStore()): ActorSystem => {
    const system = new ActorSystem({
      kinds: [tallyKind],
      store,
      publisher: new MemoryEventBus(),
      limits,
      clock: { now: () => now },
    });
    systems.push(system);
    return system;
  };
  const add = async (system: ActorSystem, actorId: string, at: number) => {
    now = at;
    const reply = await sendTally(system, actorId, `c-${actorId}-${at}`, "add", { amount: "1" });
    expect(reply.ok, JSON.stringify(reply)).to.equal(true);
  };
  const active = (system: ActorSystem, ids: readonly string[]) =>
    ids.filter((actorId) => system.isActive({ kind: "tally", actorId }));
  afterEach(async () => {
    await Promise.all(systems.splice(0).map((system) => system.stop(100)));
  });

  it("beyond activeActorsMax passivates the least recently active actors, not the first loaded", async () => {
    const system = make({ activeActorsMax: 3, passivateAfterIdleMs: 3_600_000 });
    const ids = ["a", "b", "c", "d", "e"];
    for (const [index, actorId] of ids.entries()) await add(system, actorId, 1_000 + index);
    await add(system, "a", 2_000);
    system.passivateIdle();
    expect(active(system, ids)).to.deep.equal(["a", "d", "e"]);
    expect(system.activeCountsByKind().get("tally")).to.equal(3);

    // A passivated actor comes back with its state, as the most recent; the cap then takes the oldest again.
    await add(system, "b", 3_000);
    system.passivateIdle();
    expect(active(system, ids)).to.deep.equal(["a", "b", "e"]);
    expect((await system.inspect({ kind: "tally", actorId: "b" })).entrySeq).to.equal(2);
  });

  it("passivates the actors idle for passivateAfterIdleMs and keeps the others", async () => {
    const system = make({ passivateAfterIdleMs: 1_000 });
    await add(system, "old", 0);
    await add(system, "recent", 900);
    await add(system, "touched", 100);
    await add(system, "touched", 1_200);
    now = 1_500;
    system.passivateIdle();
    expect(active(system, ["old", "recent", "touched"])).to.deep.equal(["recent", "touched"]);
    now = 2_300;
    system.passivateIdle();
    expect(active(system, ["old", "recent", "touched"])).to.deep.equal([]);
    expect(system.activeCountsByKind().get("tally")).to.equal(0);
  });

  it("keeps an actor whose batch is being written, and passivates the idle ones after it in its place", async () => {
    const store = new GatedStore();
    const system = make({ activeActorsMax: 1, passivateAfterIdleMs: 3_600_000 }, store);
    await add(system, "busy", 1);
    let open = () => {};
    store.gatedActor = "busy";
    store.gate = new Promise((resolve) => (open = resolve));
    now = 2;
    const busy = sendTally(system, "busy", "c-busy", "add", { amount: "1" });
    await add(system, "idle-1", 3);
    await add(system, "idle-2", 4);
    system.passivateIdle();
    expect(active(system, ["busy", "idle-1", "idle-2"]), "the oldest is busy: the next two go").to.deep.equal(["busy"]);
    open();
    expect((await busy).ok).to.equal(true);
    expect((await system.inspect({ kind: "tally", actorId: "busy" })).entrySeq).to.equal(2);
  });
});
