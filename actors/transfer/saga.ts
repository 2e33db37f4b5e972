import { formatAmount, Money } from "../shared/amount.js";
import type { StepName } from "./commands.js";
import { askChannel, type StepEnd } from "./steps.js";
import { issueNextTask, queueTask, type FinishedTask } from "./tasks.js";
import type { Turn } from "./turn.js";

/** Starts a bank step on a channel: ask permission first (ADR 006 §4). */
export function startStep(t: Turn, step: StepName, channel: string): void {
  t.emit({ type: "stepStarted", step, channel });
  afterStep(t, askChannel(t));
}

/** Moves the saga on after a step ended (ADR 006 §2); `null` (still running) changes nothing. */
export function afterStep(t: Turn, end: StepEnd | null): void {
  if (!end) return;
  const request = t.state.request!;
  // The credit goes through the channel that allowed it before the debit was sent (a failover included).
  const creditChannel = t.state.step?.creditCheck?.channel ?? request.creditChannel;
  if (end.succeeded) {
    t.emit({ type: "stepSucceeded", step: end.step, bankReference: end.bankReference, ...stepMs(t) });
    switch (end.step) {
      case "debit":
        queueReservationTask(t, "settle-debit");
        queueReservationTask(t, "reserve-credit");
        return startStep(t, "credit", creditChannel);
      case "credit":
        queueReservationTask(t, "settle-credit");
        return t.cancelReminder("step");
      case "reversal":
        queueReservationTask(t, "reversal-entry");
        return t.cancelReminder("step");
    }
  }
  t.emit({ type: "stepFailed", step: end.step, code: end.code, reason: end.reason, ...stepMs(t) });
  switch (end.step) {
    case "debit":
      queueReservationTask(t, "release-debit");
      return t.cancelReminder("step");
    case "credit":
      // The dangerous case of the design article: money left bank A and did not arrive. Reverse, and say so now.
      queueReservationTask(t, "release-credit");
      t.alert(
        "critical",
        "credit_failed_after_debit",
        `transfer ${t.transferId}: the credit failed after the debit (${end.reason}); reversing ${request.amount} ${request.currency}`,
      );
      return startStep(t, "reversal", request.debitChannel);
    case "reversal":
      t.emit({ type: "manualInterventionRequired", step: null, reason: `the reversal was refused: ${end.reason}` });
      t.cancelReminder("step");
      return t.alert(
        "critical",
        "manual_intervention",
        `transfer ${t.transferId}: the reversal was refused (${end.reason}); money is in transit`,
      );
  }
}

/** How long the ending step ran, when its start is known. */
function stepMs(t: Turn): { stepMs?: number } {
  const startedAt = t.state.step?.startedAt;
  return startedAt === undefined ? {} : { stepMs: t.now - startedAt };
}

/** Reacts to finished position tasks, then delivers the next one. */
export function afterTask(t: Turn, finished: FinishedTask | null): void {
  for (let current = finished; current; current = issueNextTask(t)) {
    const { task, applied, code, message } = current;
    if (task.id === "reserve-debit" && t.state.status === "CREATED") {
      if (!applied) {
        t.emit({ type: "transferFailed", code, message: `the source account refused the reservation: ${message}` });
        continue;
      }
      if (t.state.request!.approvalRequired) {
        const expiresAt = t.now + t.policy.approvalTimeoutMs;
        t.emit({ type: "approvalRequested", expiresAt });
        t.remind("approval", expiresAt);
      } else {
        startStep(t, "debit", t.state.request!.debitChannel);
      }
    } else if (!applied && !(task.commandType === "release" && code === "reservation_not_found")) {
      // A release of a reservation that was never made is the goal reached; anything else leaves a position wrong.
      t.alert(
        "high",
        "position_task_refused",
        `transfer ${t.transferId}: ${task.commandType} on ${task.account} was refused (${code}: ${message})`,
      );
    }
  }
}

type ReservationTask =
  | "reserve-debit"
  | "settle-debit"
  | "release-debit"
  | "reversal-entry"
  | "reserve-credit"
  | "settle-credit"
  | "release-credit"
  | "credit-entry";

/** The account command of each position task; reservation ids are `<transferId>.debit` and `<transferId>.credit`. */
export function queueReservationTask(t: Turn, id: ReservationTask): void {
  const request = t.state.request!;
  const money = { amount: formatAmount(new Money(request.amount)), currency: request.currency };
  const debitReservation = `${t.transferId}.debit`;
  const creditReservation = `${t.transferId}.credit`;
  switch (id) {
    case "reserve-debit":
      return queueTask(t, id, request.from, "reserve", {
        reservationId: debitReservation,
        direction: "debit",
        transferId: t.transferId,
        ...money,
      });
    case "settle-debit":
      return queueTask(t, id, request.from, "settle", { reservationId: debitReservation });
    case "release-debit":
      return queueTask(t, id, request.from, "release", {
        reservationId: debitReservation,
        reason: `transfer ${t.transferId} ${t.state.status.toLowerCase()}`,
      });
    case "reversal-entry":
      return queueTask(t, id, request.from, "recordEntry", {
        entryId: `transfer:${t.transferId}:reversal`,
        direction: "credit",
        description: `reversal of transfer ${t.transferId}`,
        ...money,
      });
    case "reserve-credit":
      return queueTask(t, id, request.to, "reserve", {
        reservationId: creditReservation,
        direction: "credit",
        transferId: t.transferId,
        ...money,
      });
    case "settle-credit":
      return queueTask(t, id, request.to, "settle", { reservationId: creditReservation });
    case "release-credit":
      return queueTask(t, id, request.to, "release", {
        reservationId: creditReservation,
        reason: `transfer ${t.transferId}: credit failed`,
      });
    case "credit-entry":
      return queueTask(t, id, request.to, "recordEntry", {
        entryId: `transfer:${t.transferId}:credit`,
        direction: "credit",
        description: `transfer ${t.transferId}, resolved by an operator`,
        ...money,
      });
  }
}
