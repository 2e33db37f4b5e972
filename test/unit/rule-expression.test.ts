import { expect } from "chai";
import type { Decimal } from "decimal.js";
import fc from "fast-check";
import {
  evaluateAmount,
  evaluateExpression,
  expressionDepthMax,
  expressionLengthMax,
  functionNames,
  parseExpression,
  printExpression,
  valueNames,
  type Expression,
  type ExpressionError,
  type ExpressionValues,
  type Operator,
} from "../../actors/rule/expression.js";
import { Money } from "../../actors/shared/amount.js";

const values: ExpressionValues = {
  target: new Money("10000"),
  available: new Money("1234.5"),
  ledger: new Money("1500"),
  inTransitCredit: new Money("200"),
  plannedIn: new Money("300"),
  high: new Money("50000"),
  low: new Money("5000"),
};

function parsed(source: string): Expression {
  const result = parseExpression(source);
  if (!result.ok) throw new Error(`${source}: ${result.error.message}`);
  return result.expression;
}

function parseError(source: string): ExpressionError {
  const result = parseExpression(source);
  if (result.ok) throw new Error(`${source} parsed as ${printExpression(result.expression)}`);
  return result.error;
}

function amountOf(source: string, with_: ExpressionValues = values): string {
  const result = evaluateAmount(parsed(source), with_);
  if (!result.ok) throw new Error(`${source}: ${result.error.message}`);
  return result.value.toFixed(4);
}

function amountError(source: string, with_: ExpressionValues = values): ExpressionError {
  const result = evaluateAmount(parsed(source), with_);
  if (result.ok) throw new Error(`${source} gave ${result.value.toFixed()}`);
  return result.error;
}

/** The tree without positions: what printing and parsing again must preserve. */
function shapeOf(node: Expression): unknown {
  switch (node.kind) {
    case "number":
      return node.text;
    case "name":
      return node.name;
    case "negate":
      return ["-", shapeOf(node.operand)];
    case "binary":
      return [node.operator, shapeOf(node.left), shapeOf(node.right)];
    case "call":
      return [node.name, ...node.args.map(shapeOf)];
  }
}

describe("rule amount expressions", () => {
  describe("evaluation", () => {
    it("computes with the named values, exactly", () => {
      expect(amountOf("target - available")).to.equal("8765.5000");
      expect(amountOf("target - (available + inTransitCredit + plannedIn)")).to.equal("8265.5000");
      expect(amountOf("0.1 + 0.2")).to.equal("0.3000");
      expect(amountOf("ledger * 1.5 - low / 4")).to.equal("1000.0000");
    });

    it("gives * and / precedence over + and -, and chains from the left", () => {
      expect(amountOf("1 + 2 * 3")).to.equal("7.0000");
      expect(amountOf("(1 + 2) * 3")).to.equal("9.0000");
      expect(amountOf("10 - 4 - 3")).to.equal("3.0000");
      expect(amountOf("100 / 10 / 2")).to.equal("5.0000");
      expect(amountOf("--3")).to.equal("3.0000");
      expect(amountOf("2 * -3 + 10")).to.equal("4.0000");
    });

    it("has min, max and round to a step (halves away from zero)", () => {
      expect(amountOf("min(target - available, 5000)")).to.equal("5000.0000");
      expect(amountOf("max(0, available - target, 1, 2)")).to.equal("2.0000");
      expect(amountOf("round(target - available, 1000)")).to.equal("9000.0000");
      expect(amountOf("round(1250, 500)")).to.equal("1500.0000");
      expect(amountOf("round(1249.99, 500)")).to.equal("1000.0000");
      expect(amountOf("round(10 / 3, 0.01)")).to.equal("3.3300");
    });

    it("rounds the amount to 4 places, half to even", () => {
      expect(amountOf("1 / 3")).to.equal("0.3333");
      expect(amountOf("0.00005")).to.equal("0.0000");
      expect(amountOf("0.00015")).to.equal("0.0002");
    });

    it("refuses division by zero at evaluation, naming where the division is", () => {
      const error = amountError("target / (low - 5000)");
      expect(error).to.include({ code: "division_by_zero", position: 7 });
      expect(error.message).to.equal("division by zero at 7");
    });

    it("refuses a round step that is not positive", () => {
      expect(amountError("2 * round(target, low - 5000)")).to.include({ code: "round_step_not_positive", position: 4 });
    });

    it("refuses a negative amount and one outside DECIMAL(20,4)", () => {
      const negative = amountError("available - target");
      expect(negative).to.include({ code: "negative_result", position: 0 });
      expect(negative.message).to.match(/-8765\.5000, a negative amount/);
      expect(amountError("high * high * high * high").code).to.equal("out_of_range");
      expect(amountOf("9999999999999999.9999")).to.equal("9999999999999999.9999");
      expect(amountError("9999999999999999.9999 + 0.0001").code).to.equal("out_of_range");
      expect(amountOf("0.00001 - 0.00002")).to.equal("0.0000");
    });

    it("keeps negative intermediate values: only the amount must not be negative", () => {
      expect(amountOf("max(0, available - target)")).to.equal("0.0000");
    });
  });

  describe("errors", () => {
    it("names an unknown value, with the known ones", () => {
      const error = parseError("target - avail");
      expect(error).to.include({ code: "unknown_name", position: 9 });
      expect(error.message).to.equal(
        'unknown name "avail" at 9; the known names are target, available, ledger, inTransitCredit, plannedIn, high, low',
      );
      expect(parseError("foo(1, 2)")).to.include({ code: "unknown_name", position: 0 });
      expect(parseError("target(1)").message).to.match(/unknown function "target".*min, max, round/);
      expect(parseError("1 + min").message).to.match(/min is a function: call it as min\(\.\.\.\)/);
    });

    it("refuses a wrong number of arguments", () => {
      expect(parseError("min(1)")).to.deep.equal({
        code: "wrong_arity",
        position: 0,
        message: "min at 0 takes 2 to 8 arguments, not 1",
      });
      expect(parseError("2 * round(1, 2, 3)")).to.include({ code: "wrong_arity", position: 4 });
      expect(parseError("max()").code).to.equal("wrong_arity");
      expect(parseError("max(1,2,3,4,5,6,7,8,9)").code).to.equal("wrong_arity");
    });

    it("says where an expression does not parse", () => {
      const cases: Array<[string, number]> = [
        ["", 0],
        ["   ", 3],
        ["(1 + 2", 6],
        ["1 + ", 4],
        ["1 2", 2],
        ["1 + * 2", 4],
        ["2x", 1],
        ["1.5.2", 3],
        ["1.", 1],
        [".5", 0],
        ["target $ 2", 7],
        ["min(1, )", 7],
        ["min(1 2)", 6],
        ["1e5", 1],
        ["(1))", 3],
      ];
      for (const [source, position] of cases) {
        const error = parseError(source);
        expect(error.code, source).to.equal("does_not_parse");
        expect(error.position, source).to.equal(position);
        expect(error.message, source).to.match(new RegExp(`^the expression does not parse at ${position}: `));
      }
    });

    it("limits the length and the depth", () => {
      expect(parseError("1".repeat(expressionLengthMax + 1))).to.include({
        code: "too_long",
        position: expressionLengthMax,
      });
      expect(parseExpression("1".repeat(expressionLengthMax)).ok).to.equal(true);
      const nested = (levels: number): string => "(".repeat(levels) + "1" + ")".repeat(levels);
      expect(parseExpression(nested(expressionDepthMax - 1)).ok).to.equal(true);
      expect(parseError(nested(expressionDepthMax + 1)).code).to.equal("too_deep");
      expect(parseError("-".repeat(expressionDepthMax + 1) + "1").code).to.equal("too_deep");
      expect(parseExpression(["1", ...Array<string>(expressionDepthMax - 1).fill("1")].join("+")).ok).to.equal(true);
      expect(
        parseError(
          Array<string>(expressionDepthMax + 1)
            .fill("1")
            .join("+"),
        ).code,
      ).to.equal("too_deep");
    });

    it("is never handed to the JavaScript evaluator: code is just an unknown name", () => {
      expect(parseError("process.exit(1)").code).to.equal("does_not_parse");
      expect(parseError("constructor").code).to.equal("unknown_name");
      expect(parseError("__proto__").code).to.equal("unknown_name");
      expect(parseError("toString").code).to.equal("unknown_name");
    });
  });

  describe("properties", () => {
    const literal = fc
      .tuple(fc.integer({ min: 0, max: 99_999 }), fc.option(fc.integer({ min: 0, max: 9999 })))
      .map(([whole, fraction]) => (fraction === null ? `${whole}` : `${whole}.${fraction}`));
    const operators: Operator[] = ["+", "-", "*", "/"];
    const { tree } = fc.letrec<{ tree: Expression }>((recurse) => ({
      tree: fc.oneof(
        { maxDepth: 6, depthSize: "small" },
        literal.map((text): Expression => ({ kind: "number", text, position: 0 })),
        fc.constantFrom(...valueNames).map((name): Expression => ({ kind: "name", name, position: 0 })),
        recurse("tree").map((operand): Expression => ({ kind: "negate", operand, position: 0 })),
        fc
          .tuple(fc.constantFrom(...operators), recurse("tree"), recurse("tree"))
          .map(([operator, left, right]): Expression => ({ kind: "binary", operator, left, right, position: 0 })),
        fc
          .tuple(fc.constantFrom(...functionNames), fc.array(recurse("tree"), { minLength: 2, maxLength: 3 }))
          .map(([name, args]): Expression => ({
            kind: "call",
            name,
            args: name === "round" ? args.slice(0, 2) : args,
            position: 0,
          })),
      ),
    }));
    const decimal = fc
      .tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 9999 }))
      .map(([whole, fraction]) => new Money(`${whole}.${String(fraction).padStart(4, "0")}`));
    const valueSet = fc.record(
      Object.fromEntries(valueNames.map((name) => [name, decimal])) as Record<keyof ExpressionValues, typeof decimal>,
    );

    /** The reference: a direct reading of the language's meaning, or "error" where it has none. */
    function reference(node: Expression, with_: ExpressionValues): Decimal | "error" {
      const sub = (child: Expression) => reference(child, with_);
      switch (node.kind) {
        case "number":
          return new Money(node.text);
        case "name":
          return new Money(with_[node.name]);
        case "negate": {
          const operand = sub(node.operand);
          return operand === "error" ? operand : operand.negated();
        }
        case "binary": {
          const left = sub(node.left);
          const right = sub(node.right);
          if (left === "error" || right === "error") return "error";
          if (node.operator === "+") return left.add(right);
          if (node.operator === "-") return left.sub(right);
          if (node.operator === "*") return left.mul(right);
          return right.isZero() ? "error" : left.div(right);
        }
        case "call": {
          const args = node.args.map(sub);
          if (args.includes("error")) return "error";
          const numbers = args as Decimal[];
          if (node.name === "min") return numbers.reduce((a, b) => (b.lessThan(a) ? b : a));
          if (node.name === "max") return numbers.reduce((a, b) => (b.greaterThan(a) ? b : a));
          const [value, step] = numbers as [Decimal, Decimal];
          if (step.lessThanOrEqualTo(0)) return "error";
          const quotient = value.div(step);
          const whole = quotient.abs().plus("0.5").floor();
          return (quotient.isNegative() ? whole.negated() : whole).mul(step);
        }
      }
    }

    it("evaluates a random tree as the reference computation does", () => {
      fc.assert(
        fc.property(tree, valueSet, (expression, with_) => {
          const expected = reference(expression, with_);
          const result = evaluateExpression(expression, with_);
          if (expected === "error") expect(result.ok).to.equal(false);
          else {
            expect(result.ok).to.equal(true);
            if (result.ok) expect(result.value.equals(expected), printExpression(expression)).to.equal(true);
          }
        }),
        { numRuns: 500 },
      );
    });

    it("prints a tree that parses back to the same tree", () => {
      fc.assert(
        fc.property(tree, (expression) => {
          const text = printExpression(expression);
          const again = parseExpression(text);
          if (!again.ok) {
            // Only the limits may refuse a printed tree.
            expect(["too_long", "too_deep"]).to.include(again.error.code);
            return;
          }
          expect(shapeOf(again.expression), text).to.deep.equal(shapeOf(expression));
        }),
        { numRuns: 500 },
      );
    });

    it("answers any input with a tree or a typed error whose position lies in the input", () => {
      const alphabet = fc.constantFrom(..."0123456789.+-*/(), _abcdeghilmnoprstvxTCIP$".split(""));
      const source = fc.oneof(
        fc.string({ maxLength: 80 }),
        fc.string({ unit: alphabet, maxLength: 80 }),
        fc
          .array(fc.constantFrom(...valueNames, ...functionNames, "(", ")", ",", "+", "-", "*", "/", "1", "2.5"), {
            maxLength: 60,
          })
          .map((parts) => parts.join(" ")),
      );
      fc.assert(
        fc.property(source, (text) => {
          const result = parseExpression(text);
          if (result.ok) return;
          expect(result.error.position).to.be.within(0, text.length);
          expect(result.error.message).to.be.a("string").and.not.equal("");
        }),
        { numRuns: 2000 },
      );
    });
  });
});
