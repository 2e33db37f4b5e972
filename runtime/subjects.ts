/**
 * The NATS subject scheme (docs/architecture.md "Subjects"):
 *   commands  <prefix>.cmd.<kind>.<partition>.<actorId>   request/reply
 *   events    <prefix>.evt.<kind>.<actorId>                JetStream, one subject per actor
 * The partition is derived from the id, so a cluster can split partitions between nodes without a directory.
 */
export const actorIdPattern = /^[A-Za-z0-9_:-]{1,128}$/;
export const kindPattern = /^[a-z][a-z0-9_]{0,31}$/;
export const prefixPattern = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** FNV-1a 32-bit: stable across processes and languages, cheap, and spreads similar ids. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function partitionOf(actorId: string, partitionCount: number): number {
  return fnv1a32(actorId) % partitionCount;
}

export function actorKeyOf(kind: string, actorId: string): string {
  return `${kind}/${actorId}`;
}

export function commandSubject(prefix: string, kind: string, actorId: string, partitionCount: number): string {
  return `${prefix}.cmd.${kind}.${partitionOf(actorId, partitionCount)}.${actorId}`;
}

export function commandSubscriptionSubject(prefix: string, partition: number): string {
  return `${prefix}.cmd.*.${partition}.*`;
}

export function eventSubject(prefix: string, kind: string, actorId: string): string {
  return `${prefix}.evt.${kind}.${actorId}`;
}

/** `Nats-Msg-Id` of an event: the actor and its event sequence number. */
export function eventMessageId(kind: string, actorId: string, eventSeq: number): string {
  return `${kind}.${actorId}:${eventSeq}`;
}

export interface ParsedCommandSubject {
  readonly kind: string;
  readonly partition: number;
  readonly actorId: string;
}

/** Splits a command subject; undefined when it does not have the scheme's shape. */
export function parseCommandSubject(prefix: string, subject: string): ParsedCommandSubject | undefined {
  const head = `${prefix}.cmd.`;
  if (!subject.startsWith(head)) return undefined;
  const tokens = subject.slice(head.length).split(".");
  if (tokens.length !== 3) return undefined;
  const [kind, partitionText, actorId] = tokens as [string, string, string];
  if (!/^\d{1,6}$/.test(partitionText)) return undefined;
  return { kind, partition: Number(partitionText), actorId };
}
