import type { Decimal } from "decimal.js";
import { fitsAmount, formatAmount, Money } from "../shared/amount.js";

/*
 * A rule's amount language (ADR 012 §2): named values, min/max/round, + - * /, parentheses, unary minus, decimal
 * literals. Parsed by recursive descent into a tree and evaluated with `Money`; nothing is ever handed to eval or
 * new Function. Every error carries the 0-based character position of its fault and one sentence.
 */

/** The values an expression may name; `low` is the rule's `lowWarning`. */
export const valueNames = ["target", "available", "ledger", "inTransitCredit", "plannedIn", "high", "low"] as const;
export type ValueName = (typeof valueNames)[number];

export const functionNames = ["min", "max", "round"] as const;
export type FunctionName = (typeof functionNames)[number];

export type Operator = "+" | "-" | "*" | "/";

/** A parsed expression; `position` is where the node starts (an operator node: where its operator is). */
export type Expression =
  | { readonly kind: "number"; readonly text: string; readonly position: number }
  | { readonly kind: "name"; readonly name: ValueName; readonly position: number }
  | { readonly kind: "negate"; readonly operand: Expression; readonly position: number }
  | {
      readonly kind: "binary";
      readonly operator: Operator;
      readonly left: Expression;
      readonly right: Expression;
      readonly position: number;
    }
  | {
      readonly kind: "call";
      readonly name: FunctionName;
      readonly args: readonly Expression[];
      readonly position: number;
    };

/** Put a limit on everything: a rule's amount is a line a treasurer reads, not a program. */
export const expressionLengthMax = 500;
export const expressionDepthMax = 32;
/** min and max take 2 to this many arguments. */
export const callArgumentsMax = 8;

export type ExpressionErrorCode =
  | "too_long"
  | "too_deep"
  | "does_not_parse"
  | "unknown_name"
  | "wrong_arity"
  | "division_by_zero"
  | "round_step_not_positive"
  | "negative_result"
  | "out_of_range";

export interface ExpressionError {
  readonly code: ExpressionErrorCode;
  /** 0-based index into the expression's text (UTF-16 units, as JavaScript counts them). */
  readonly position: number;
  readonly message: string;
}

export type ParseExpressionResult =
  { readonly ok: true; readonly expression: Expression } | { readonly ok: false; readonly error: ExpressionError };

export type EvaluateResult =
  { readonly ok: true; readonly value: Decimal } | { readonly ok: false; readonly error: ExpressionError };

export type ExpressionValues = Readonly<Record<ValueName, Decimal>>;

const arity: Readonly<Record<FunctionName, { readonly min: number; readonly max: number }>> = {
  min: { min: 2, max: callArgumentsMax },
  max: { min: 2, max: callArgumentsMax },
  round: { min: 2, max: 2 },
};

/** Raised inside the parser and the evaluator only; callers get it back as data. */
class Fault extends Error {
  constructor(
    readonly code: ExpressionErrorCode,
    readonly position: number,
    message: string,
  ) {
    super(message);
    this.name = "ExpressionFault";
  }
}

function notParsing(position: number, why: string): Fault {
  return new Fault("does_not_parse", position, `the expression does not parse at ${position}: ${why}`);
}

function caught<T>(run: () => T): T | { ok: false; error: ExpressionError } {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof Fault)) throw error;
    return { ok: false, error: { code: error.code, position: error.position, message: error.message } };
  }
}

/** Parses an expression; never throws on any input string. */
export function parseExpression(source: string): ParseExpressionResult {
  if (source.length > expressionLengthMax) {
    const message = `the expression is ${source.length} characters long; at most ${expressionLengthMax} are allowed`;
    return { ok: false, error: { code: "too_long", position: expressionLengthMax, message } };
  }
  return caught(() => ({ ok: true, expression: new Parser(source).parseWhole() }));
}

type Token =
  | { readonly kind: "number"; readonly text: string; readonly position: number }
  | { readonly kind: "word"; readonly text: string; readonly position: number }
  | { readonly kind: "symbol"; readonly text: "+" | "-" | "*" | "/" | "(" | ")" | ","; readonly position: number }
  | { readonly kind: "end"; readonly text: ""; readonly position: number };

const numberPattern = /^\d+(\.\d+)?/;
const wordPattern = /^[A-Za-z_][A-Za-z0-9_]*/;
const symbols = new Set(["+", "-", "*", "/", "(", ")", ","]);

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const char = source[index]!;
    if (char === " " || char === "\t" || char === "\n" || char === "\r") {
      index++;
      continue;
    }
    const rest = source.slice(index);
    const number = numberPattern.exec(rest);
    if (number) {
      const after = index + number[0].length;
      if (/^[A-Za-z0-9_.]/.test(source.slice(after)))
        throw notParsing(after, `the number at ${index} cannot go on with "${source[after]}"`);
      tokens.push({ kind: "number", text: number[0], position: index });
      index += number[0].length;
      continue;
    }
    const word = wordPattern.exec(rest);
    if (word) {
      tokens.push({ kind: "word", text: word[0], position: index });
      index += word[0].length;
      continue;
    }
    if (symbols.has(char)) {
      tokens.push({ kind: "symbol", text: char as "+", position: index });
      index++;
      continue;
    }
    throw notParsing(index, `unexpected character ${JSON.stringify(char)}`);
  }
  tokens.push({ kind: "end", text: "", position: source.length });
  return tokens;
}

/**
 * Recursive descent. `depth` counts parentheses, unary minus and calls, which nest the parser's own calls; a chain
 * like `a + b + c` nests only the tree, which `nodeBelow` bounds once the whole is parsed.
 */
class Parser {
  private readonly tokens: Token[];
  private index = 0;

  constructor(source: string) {
    this.tokens = tokenize(source);
  }

  parseWhole(): Expression {
    if (this.peek().kind === "end") throw notParsing(this.peek().position, "it is empty");
    const expression = this.sum(0);
    const next = this.peek();
    if (next.kind !== "end")
      throw notParsing(next.position, `unexpected ${describe(next)} after a complete expression`);
    const tooDeep = nodeBelow(expression, expressionDepthMax);
    if (tooDeep)
      throw new Fault(
        "too_deep",
        tooDeep.position,
        `the expression nests deeper than ${expressionDepthMax} levels at ${tooDeep.position}`,
      );
    return expression;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private next(): Token {
    const token = this.tokens[this.index]!;
    if (token.kind !== "end") this.index++;
    return token;
  }

  private deeper(depth: number, position: number): number {
    if (depth + 1 > expressionDepthMax)
      throw new Fault(
        "too_deep",
        position,
        `the expression nests deeper than ${expressionDepthMax} levels at ${position}`,
      );
    return depth + 1;
  }

  private sum(depth: number): Expression {
    return this.chain(depth, ["+", "-"], (inner) => this.product(inner));
  }

  private product(depth: number): Expression {
    return this.chain(depth, ["*", "/"], (inner) => this.unary(inner));
  }

  /** A left-associative chain: `a - b - c` is `(a - b) - c`. */
  private chain(depth: number, operators: readonly string[], operand: (depth: number) => Expression): Expression {
    let left = operand(depth);
    for (let token = this.peek(); token.kind === "symbol" && operators.includes(token.text); token = this.peek()) {
      this.next();
      const right = operand(depth);
      left = { kind: "binary", operator: token.text as Operator, left, right, position: token.position };
    }
    return left;
  }

  private unary(depth: number): Expression {
    const token = this.peek();
    if (token.kind === "symbol" && token.text === "-") {
      this.next();
      return { kind: "negate", operand: this.unary(this.deeper(depth, token.position)), position: token.position };
    }
    return this.primary(depth);
  }

  private primary(depth: number): Expression {
    const token = this.next();
    switch (token.kind) {
      case "number":
        return { kind: "number", text: token.text, position: token.position };
      case "word":
        return this.word(token, depth);
      case "symbol":
        if (token.text === "(") {
          const inner = this.sum(this.deeper(depth, token.position));
          this.expect(")", "a closing parenthesis");
          return inner;
        }
        throw notParsing(token.position, `expected a value, found ${describe(token)}`);
      case "end":
        throw notParsing(token.position, "it ends where a value is expected");
    }
  }

  private word(token: Extract<Token, { kind: "word" }>, depth: number): Expression {
    const called = this.peek().kind === "symbol" && this.peek().text === "(";
    if (called) {
      const name = functionNames.find((candidate) => candidate === token.text);
      if (!name)
        throw new Fault(
          "unknown_name",
          token.position,
          `unknown function "${token.text}" at ${token.position}; the functions are ${functionNames.join(", ")}`,
        );
      this.next();
      return { kind: "call", name, args: this.argumentsOf(name, token.position, depth), position: token.position };
    }
    const name = valueNames.find((candidate) => candidate === token.text);
    if (name) return { kind: "name", name, position: token.position };
    const hint = (functionNames as readonly string[]).includes(token.text)
      ? `${token.text} is a function: call it as ${token.text}(...)`
      : `the known names are ${valueNames.join(", ")}`;
    throw new Fault("unknown_name", token.position, `unknown name "${token.text}" at ${token.position}; ${hint}`);
  }

  private argumentsOf(name: FunctionName, position: number, depth: number): Expression[] {
    const inner = this.deeper(depth, position);
    const args: Expression[] = [];
    if (!(this.peek().kind === "symbol" && this.peek().text === ")")) {
      args.push(this.sum(inner));
      while (this.peek().kind === "symbol" && this.peek().text === ",") {
        this.next();
        args.push(this.sum(inner));
      }
    }
    this.expect(")", "a comma or a closing parenthesis");
    const { min, max } = arity[name];
    if (args.length < min || args.length > max) {
      const wanted = min === max ? `${min}` : `${min} to ${max}`;
      throw new Fault("wrong_arity", position, `${name} at ${position} takes ${wanted} arguments, not ${args.length}`);
    }
    return args;
  }

  private expect(symbol: ")", what: string): void {
    const token = this.next();
    if (token.kind !== "symbol" || token.text !== symbol)
      throw notParsing(token.position, `expected ${what}, found ${describe(token)}`);
  }
}

/** The first node found `levels` below the root (the root is level 1), if the tree is that deep. */
function nodeBelow(node: Expression, levels: number): Expression | undefined {
  if (levels === 0) return node;
  const children =
    node.kind === "negate"
      ? [node.operand]
      : node.kind === "binary"
        ? [node.left, node.right]
        : node.kind === "call"
          ? node.args
          : [];
  for (const child of children) {
    const found = nodeBelow(child, levels - 1);
    if (found) return found;
  }
  return undefined;
}

function describe(token: Token): string {
  return token.kind === "end" ? "the end" : `"${token.text}"`;
}

/** Evaluates a tree exactly (40 significant digits); division by zero and a non-positive round step are errors. */
export function evaluateExpression(expression: Expression, values: ExpressionValues): EvaluateResult {
  return caught(() => ({ ok: true, value: valueOf(expression, values) }));
}

function valueOf(node: Expression, values: ExpressionValues): Decimal {
  switch (node.kind) {
    case "number":
      return new Money(node.text);
    case "name":
      return new Money(values[node.name]);
    case "negate":
      return valueOf(node.operand, values).negated();
    case "binary":
      return binary(node, valueOf(node.left, values), valueOf(node.right, values));
    case "call": {
      const args = node.args.map((arg) => valueOf(arg, values));
      if (node.name === "min") return Money.min(...args);
      if (node.name === "max") return Money.max(...args);
      return roundToStep(args[0]!, args[1]!, node.position);
    }
  }
}

function binary(node: Extract<Expression, { kind: "binary" }>, left: Decimal, right: Decimal): Decimal {
  switch (node.operator) {
    case "+":
      return left.plus(right);
    case "-":
      return left.minus(right);
    case "*":
      return left.times(right);
    case "/":
      if (right.isZero()) throw new Fault("division_by_zero", node.position, `division by zero at ${node.position}`);
      return left.dividedBy(right);
  }
}

/** The multiple of `step` nearest to `value`, halves away from zero. */
export function roundToStep(value: Decimal, step: Decimal, position = 0): Decimal {
  if (!step.isPositive() || step.isZero())
    throw new Fault(
      "round_step_not_positive",
      position,
      `the step of round at ${position} must be positive, not ${step.toFixed()}`,
    );
  return value.dividedBy(step).toDecimalPlaces(0, Money.ROUND_HALF_UP).times(step);
}

/**
 * An amount to move: the expression's value rounded to 4 places (half even), refused when negative or outside
 * DECIMAL(20,4). Result errors point at position 0, the whole expression.
 */
export function evaluateAmount(expression: Expression, values: ExpressionValues): EvaluateResult {
  const result = evaluateExpression(expression, values);
  if (!result.ok) return result;
  const amount = result.value.toDecimalPlaces(4, Money.ROUND_HALF_EVEN);
  if (amount.isNegative() && !amount.isZero())
    return fail("negative_result", `the expression gives ${formatAmount(amount)}, a negative amount`);
  if (!fitsAmount(amount))
    return fail("out_of_range", `the expression gives ${amount.toExponential(4)}, outside DECIMAL(20,4) (|x| < 10^16)`);
  // abs() turns a rounded -0 into 0, the only "negative" left here.
  return { ok: true, value: amount.abs() };
}

function fail(code: ExpressionErrorCode, message: string): EvaluateResult {
  return { ok: false, error: { code, position: 0, message } };
}

const precedence: Readonly<Record<Operator, number>> = { "+": 1, "-": 1, "*": 2, "/": 2 };

/** Writes a tree back as text with only the parentheses it needs; parsing the text gives the same tree shape. */
export function printExpression(node: Expression): string {
  switch (node.kind) {
    case "number":
      return node.text;
    case "name":
      return node.name;
    case "negate":
      return `-${node.operand.kind === "binary" ? `(${printExpression(node.operand)})` : printExpression(node.operand)}`;
    case "binary": {
      const own = precedence[node.operator];
      const side = (child: Expression, tight: boolean): string => {
        const text = printExpression(child);
        if (child.kind !== "binary") return text;
        const childPrecedence = precedence[child.operator];
        return childPrecedence < own || (tight && childPrecedence === own) ? `(${text})` : text;
      };
      return `${side(node.left, false)} ${node.operator} ${side(node.right, true)}`;
    }
    case "call":
      return `${node.name}(${node.args.map(printExpression).join(", ")})`;
  }
}
