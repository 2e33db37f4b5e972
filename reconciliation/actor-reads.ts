import type { Decimal } from "decimal.js";
import { decodeLedgerAsOfReply } from "../actors/account/view.js";
import {
  decodeReconciliationView,
  reconciliationIdOf,
  type ReconciliationView,
} from "../actors/reconciliation/index.js";
import { Money } from "../actors/shared/amount.js";
import { stepNames, type StepName } from "../actors/transfer/commands.js";
import { decodeTransferReply, type TransferReply } from "../actors/transfer/view.js";
import type { ActorSystem } from "../runtime/actor-system.js";
import type { Json } from "../runtime/json.js";
import type { Reply } from "../runtime/messages.js";
import { ReconciliationRunFailed } from "./errors.js";
import type { InternalRecord } from "./model.js";
import { decodeStatementVersions, type StatementVersionInfo } from "./statement-choice.js";

/** What the reconciler uses of the actor system: reads beside the mailboxes, commands, and an actor's sequences. */
export type ReconcilerSystem = Pick<ActorSystem, "query" | "dispatch" | "inspect">;

/** The principal the reconciler reads, records and sends evidence as (the engine's own: `system:*`). */
export const reconcilerPrincipal = "system:reconciler";

/** Transfers read at once when their records lack a bank reference: each read may load a journal. */
const transferReadsInFlightMax = 16;

/** The reconciler's reads of actors (ADR 014): statements, ledgers, transfers and the day's reconciliation. */
export class ReconcilerReads {
  constructor(private readonly system: ReconcilerSystem) {}

  /** The statement versions registered for the account (the statements actor, `statements:<accountId>`). */
  async statementVersions(accountId: string): Promise<StatementVersionInfo[]> {
    const result = await this.read("statements", accountId, "get", {});
    return decodeStatementVersions(result, `the statements of ${accountId}`);
  }

  /** The account's ledger at the end of `date`; undefined when the day is beyond its retention. */
  async ledgerAsOf(accountId: string, date: string): Promise<Decimal | undefined> {
    const reply = await this.system.query("account", accountId, "ledgerAsOf", { date }, reconcilerPrincipal);
    if (!reply.ok && reply.error.code === "as_of_beyond_retention") return undefined;
    const result = resultOf(reply, `account ${accountId} ledgerAsOf ${date}`);
    return new Money(decodeLedgerAsOfReply(result, `the ledger of ${accountId} as of ${date}`).ledger);
  }

  /** The sequence of the account's last committed event: the records read model must have folded it. */
  async accountEventSeq(accountId: string): Promise<number> {
    // The read first: it refuses an account whose partition this node does not serve, before inspect activates it.
    await this.read("account", accountId, "get", {});
    return (await this.system.inspect({ kind: "account", actorId: accountId })).eventSeq;
  }

  /** The reconciliation of the account and day as its actor holds it (no run yet: no runs, no differences). */
  async reconciliation(accountId: string, date: string): Promise<ReconciliationView> {
    const actorId = reconciliationIdOf(accountId, date);
    const result = await this.read("reconciliation", actorId, "get", {});
    return decodeReconciliationView(result, `the reconciliation ${actorId}`);
  }

  async transfer(transferId: string): Promise<TransferReply> {
    return decodeTransferReply(await this.read("transfer", transferId, "get", {}), `transfer ${transferId}`);
  }

  /**
   * The records with the bank references their transfers hold: the account's events do not carry them, and a line
   * names a transfer step by the bank's reference as often as by our serial. A transfer that does not exist (an
   * entry named like one) leaves its records as they are.
   */
  async withBankReferences(records: readonly InternalRecord[]): Promise<InternalRecord[]> {
    const wanted = [
      ...new Set(
        records.flatMap((r) => (r.transferId !== undefined && r.bankReference === undefined ? [r.transferId] : [])),
      ),
    ];
    const references = new Map<string, Readonly<Partial<Record<StepName, string>>>>();
    for (let index = 0; index < wanted.length; index += transferReadsInFlightMax) {
      const batch = wanted.slice(index, index + transferReadsInFlightMax);
      const views = await Promise.all(batch.map((transferId) => this.transfer(transferId)));
      views.forEach((view, at) => references.set(batch[at]!, view.bankReferences));
    }
    return records.map((r) => {
      const step = stepOf(r);
      const reference = r.transferId !== undefined && step ? references.get(r.transferId)?.[step] : undefined;
      return reference === undefined || r.bankReference !== undefined ? r : { ...r, bankReference: reference };
    });
  }

  private async read(kind: string, actorId: string, type: string, payload: Json): Promise<Json> {
    return resultOf(await this.system.query(kind, actorId, type, payload, reconcilerPrincipal), `${kind} ${actorId}`);
  }
}

/** A transfer step's name from its record id `transfer:<transferId>:<step>`; undefined for other records. */
export function stepOf(record: Pick<InternalRecord, "recordId" | "transferId">): StepName | undefined {
  if (record.transferId === undefined) return undefined;
  const step = record.recordId.slice(record.recordId.lastIndexOf(":") + 1);
  return (stepNames as readonly string[]).includes(step) ? (step as StepName) : undefined;
}

function resultOf(reply: Reply, what: string): Json {
  if (reply.ok) return reply.result;
  throw new ReconciliationRunFailed(
    "actor_unavailable",
    `${what} answered ${reply.error.code}: ${reply.error.message}`,
    reply.error.retryable,
  );
}
