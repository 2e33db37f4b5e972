import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { expect } from "chai";
import { Mailbox } from "../../runtime/mailbox.js";

/** A full collection on demand: the flag set at run time, the function taken from a fresh context. */
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** Whether `target` is still reachable once the current job is over and the heap was collected. */
async function stillReachable(target: WeakRef<object>): Promise<boolean> {
  // A WeakRef keeps its target alive until the end of the job that created or dereferenced it.
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  return target.deref() !== undefined;
}

describe("the actor mailbox", () => {
  it("hands items out oldest first, at most `count` at a time, and refuses beyond its capacity", () => {
    const mailbox = new Mailbox<number>(3);
    expect([1, 2, 3, 4].map((item) => mailbox.offer(item))).to.deep.equal([true, true, true, false]);
    expect(mailbox.take(2)).to.deep.equal([1, 2]);
    expect(mailbox.offer(5)).to.equal(true);
    expect(mailbox.size).to.equal(2);
    expect(mailbox.drainAll()).to.deep.equal([3, 5]);
    expect(mailbox.take(1)).to.deep.equal([]);
  });

  it("keeps no taken item reachable, whether the mailbox emptied or still holds others", async () => {
    const mailbox = new Mailbox<{ payload: string }>(10);
    const refs = (() => {
      const alone = { payload: "x".repeat(1_000) };
      const first = { payload: "y".repeat(1_000) };
      mailbox.offer(alone);
      mailbox.take(1);
      mailbox.offer(first);
      mailbox.offer({ payload: "queued" });
      mailbox.take(1);
      return [new WeakRef(alone), new WeakRef(first)];
    })();
    expect(await stillReachable(refs[0]!), "taken when it was the only one").to.equal(false);
    expect(await stillReachable(refs[1]!), "taken while another stays queued").to.equal(false);
    expect(mailbox.drainAll()).to.deep.equal([{ payload: "queued" }]);
  });
});
