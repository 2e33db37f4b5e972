/** The last N command ids an actor accepted, oldest first: answers most retries without a store read. */
export class RecentCommandIds {
  private readonly order: string[];
  private readonly members: Set<string>;

  constructor(
    readonly capacity: number,
    initial: readonly string[] = [],
  ) {
    this.order = initial.slice(-capacity);
    this.members = new Set(this.order);
  }

  has(commandId: string): boolean {
    return this.members.has(commandId);
  }

  add(commandId: string): void {
    if (this.members.has(commandId)) return;
    this.order.push(commandId);
    this.members.add(commandId);
    while (this.order.length > this.capacity) {
      const evicted = this.order.shift();
      if (evicted !== undefined) this.members.delete(evicted);
    }
  }

  toArray(): string[] {
    return [...this.order];
  }

  clone(): RecentCommandIds {
    return new RecentCommandIds(this.capacity, this.order);
  }
}
