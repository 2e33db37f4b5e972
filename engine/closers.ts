/**
 * What a started engine must stop. Each part of the start adds its own closer as soon as it has started, so that
 * a start failing half-way stops exactly what had started, and a stop undoes the start in reverse.
 */
export class Closers {
  readonly #closers: Array<() => Promise<void>> = [];

  /** Runs before every closer added earlier: what started last stops first. */
  add(close: () => Promise<void>): void {
    this.#closers.unshift(close);
  }

  /** Runs after every other closer, whenever added: for the connections that the other parts use until they stop. */
  addLast(close: () => Promise<void>): void {
    this.#closers.push(close);
  }

  /** Runs each closer once, in order; a closer that fails does not keep the others from running. */
  async run(): Promise<void> {
    for (const close of this.#closers.splice(0)) {
      await close().catch(() => undefined);
    }
  }
}
