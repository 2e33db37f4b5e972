import { expect } from "chai";
import {
  childSpan,
  continueTrace,
  formatTraceparent,
  isTraceContext,
  newTrace,
  parseTraceparent,
  traceLogFields,
} from "../../runtime/trace-context.js";

const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
const parentId = "00f067aa0ba902b7";
const valid = `00-${traceId}-${parentId}-01`;

describe("W3C traceparent (runtime/trace-context.ts, ADR 009 §1)", () => {
  describe("parseTraceparent", () => {
    it("reads a version 00 header: trace id, parent id and flags", () => {
      expect(parseTraceparent(valid)).to.deep.equal({ traceId, parentId, flags: 1 });
      expect(parseTraceparent(`00-${traceId}-${parentId}-00`)).to.deep.equal({ traceId, parentId, flags: 0 });
      expect(parseTraceparent(`00-${traceId}-${parentId}-09`)?.flags).to.equal(9);
    });

    it("allows HTTP's optional whitespace around the value, and one value in a list", () => {
      expect(parseTraceparent(` \t${valid} `)).to.deep.equal({ traceId, parentId, flags: 1 });
      expect(parseTraceparent([valid])).to.deep.equal({ traceId, parentId, flags: 1 });
    });

    const invalid: Array<[string, unknown]> = [
      ["absent", undefined],
      ["empty", ""],
      ["not a string", 42],
      ["two values (a header sent twice)", [valid, valid]],
      ["joined duplicates", `${valid}, ${valid}`],
      ["uppercase trace id", `00-${traceId.toUpperCase()}-${parentId}-01`],
      ["uppercase parent id", `00-${traceId}-00F067AA0BA902B7-01`],
      ["uppercase flags", `00-${traceId}-${parentId}-0A`],
      ["uppercase version", `0A-${traceId}-${parentId}-01`],
      ["all-zero trace id", `00-${"0".repeat(32)}-${parentId}-01`],
      ["all-zero parent id", `00-${traceId}-${"0".repeat(16)}-01`],
      ["version ff", `ff-${traceId}-${parentId}-01`],
      ["trace id one short", `00-${traceId.slice(1)}-${parentId}-01`],
      ["trace id one long", `00-${traceId}a-${parentId}-01`],
      ["parent id one short", `00-${traceId}-${parentId.slice(1)}-01`],
      ["flags one digit", `00-${traceId}-${parentId}-1`],
      ["version 00 with more after the flags", `${valid}-extra`],
      ["version 00 with a trailing character", `${valid}x`],
      ["non-hex in the trace id", `00-${traceId.slice(0, 31)}g-${parentId}-01`],
      ["non-hex flags", `00-${traceId}-${parentId}-0z`],
      ["underscores instead of dashes", `00_${traceId}_${parentId}_01`],
      ["no separators", `00${traceId}${parentId}01`],
      ["a higher version shorter than 55", `01-${traceId}-${parentId}-0`],
      ["a higher version with more data not after a dash", `01-${traceId}-${parentId}-01x`],
    ];
    for (const [what, header] of invalid) {
      it(`refuses ${what}`, () => {
        expect(parseTraceparent(header)).to.equal(undefined);
      });
    }

    it("reads a higher version by its first four fields, with or without more after a dash (the spec's forward rule)", () => {
      expect(parseTraceparent(`01-${traceId}-${parentId}-01`)).to.deep.equal({ traceId, parentId, flags: 1 });
      expect(parseTraceparent(`cc-${traceId}-${parentId}-01-what-the-future-will-bring`)).to.deep.equal({
        traceId,
        parentId,
        flags: 1,
      });
    });
  });

  it("formats version 00 with the unit's own span as the parent, keeping only the sampled flag", () => {
    expect(formatTraceparent({ traceId, spanId: parentId, flags: 1 })).to.equal(valid);
    expect(formatTraceparent({ traceId, spanId: parentId, flags: 0 })).to.equal(`00-${traceId}-${parentId}-00`);
    expect(formatTraceparent({ traceId, spanId: parentId, flags: 0xff })).to.equal(valid);
    expect(parseTraceparent(formatTraceparent(newTrace()))).to.not.equal(undefined);
  });

  it("starts new traces with random, non-zero, lowercase ids, sampled", () => {
    const traces = Array.from({ length: 200 }, () => newTrace());
    for (const trace of traces) {
      expect(trace.traceId)
        .to.match(/^[0-9a-f]{32}$/)
        .and.not.equal("0".repeat(32));
      expect(trace.spanId)
        .to.match(/^[0-9a-f]{16}$/)
        .and.not.equal("0".repeat(16));
      expect(trace.flags).to.equal(1);
      expect(trace).to.not.have.property("parentSpanId");
      expect(isTraceContext(trace)).to.equal(true);
    }
    expect(new Set(traces.map((trace) => trace.traceId)).size).to.equal(200);
    expect(new Set(traces.map((trace) => trace.spanId)).size).to.equal(200);
  });

  it("makes a child span: same trace and flags, a new span id, the parent's span as its parent", () => {
    const parent = { traceId, spanId: parentId, flags: 0 };
    const child = childSpan(parent);
    expect(child).to.deep.include({ traceId, parentSpanId: parentId, flags: 0 });
    expect(child.spanId)
      .to.match(/^[0-9a-f]{16}$/)
      .and.not.equal(parentId);
    expect(childSpan(parent).spanId).to.not.equal(child.spanId);
  });

  it("continues a caller's trace at a door, and starts a new one for an invalid header instead of failing", () => {
    const continued = continueTrace(valid);
    expect(continued).to.deep.include({ traceId, parentSpanId: parentId, flags: 1 });
    expect(continued.spanId).to.not.equal(parentId);
    for (const header of [
      undefined,
      "garbage",
      `00-${traceId.toUpperCase()}-${parentId}-01`,
      `ff-${traceId}-${parentId}-01`,
    ]) {
      const fresh = continueTrace(header);
      expect(fresh.traceId).to.not.equal(traceId);
      expect(fresh).to.not.have.property("parentSpanId");
      expect(isTraceContext(fresh)).to.equal(true);
    }
  });

  it("recognizes a stored trace context and refuses anything else", () => {
    expect(isTraceContext({ traceId, spanId: parentId, flags: 1 })).to.equal(true);
    expect(isTraceContext({ traceId, spanId: parentId, parentSpanId: parentId, flags: 1 })).to.equal(true);
    expect(isTraceContext({ traceId, spanId: parentId })).to.equal(false);
    expect(isTraceContext({ traceId: "x", spanId: parentId, flags: 1 })).to.equal(false);
    expect(isTraceContext({ traceId, spanId: "0".repeat(16), flags: 1 })).to.equal(false);
    expect(isTraceContext({ traceId, spanId: parentId, flags: 256 })).to.equal(false);
    expect(isTraceContext(null)).to.equal(false);
    expect(isTraceContext(valid)).to.equal(false);
  });

  it("names the ids in log lines traceId, spanId and parentSpanId", () => {
    expect(traceLogFields({ traceId, spanId: parentId, flags: 1 })).to.deep.equal({ traceId, spanId: parentId });
    expect(traceLogFields({ traceId, spanId: "1111111111111111", parentSpanId: parentId, flags: 1 })).to.deep.equal({
      traceId,
      spanId: "1111111111111111",
      parentSpanId: parentId,
    });
    expect(traceLogFields(undefined)).to.deep.equal({});
  });
});
