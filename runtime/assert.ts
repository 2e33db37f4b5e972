/** Raised when a programmer invariant is broken: a bug, never a business outcome. */
export class InvariantViolation extends Error {
  override readonly name = "InvariantViolation";
}

/** Asserts what must never happen (TigerBeetle style): before writes and after reads. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantViolation(message);
}

/** Exhaustiveness check for switches over unions. */
export function unreachable(value: never): never {
  throw new InvariantViolation(`unreachable: ${JSON.stringify(value)}`);
}
