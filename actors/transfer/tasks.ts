import type { JsonObject } from "../../runtime/json.js";
import type { AccountRejectionCode } from "../account/rejections.js";
import { retryDelayMs } from "./policy.js";
import type { PositionTask } from "./state.js";
import type { Turn } from "./turn.js";

/** Account refusals that mean "already done": the task reached its goal before (a retry after a lost answer). */
const alreadyDone: ReadonlySet<string> = new Set<AccountRejectionCode>([
  "reservation_already_settled",
  "reservation_already_released",
]);

export interface FinishedTask {
  readonly task: PositionTask;
  readonly applied: boolean;
  readonly code: string;
  readonly message: string;
}

/** Queues a command to an account; the queue's head is delivered, one at a time, in order (ADR 006 §2). */
export function queueTask(
  t: Turn,
  id: string,
  account: string,
  commandType: PositionTask["commandType"],
  payload: JsonObject,
): void {
  const wasIdle = t.state.tasks.length === 0;
  t.emit({ type: "positionTaskQueued", task: { id, account, commandType, payload } });
  if (wasIdle) issueHead(t);
}

/** After a task finished: delivers the new head unless it was delivered already (queued into an empty queue). */
export function issueNextTask(t: Turn): FinishedTask | null {
  const head = t.state.tasks[0];
  if (head && head.attempt > 0) return null;
  return issueHead(t);
}

/** Delivers the head task (again): the account's command id is fixed per task, so a redelivery applies once. */
export function issueHead(t: Turn): FinishedTask | null {
  const head = t.state.tasks[0];
  if (!head) {
    t.cancelReminder("task");
    return null;
  }
  if (head.attempt >= t.policy.taskAttemptsMax) {
    return finish(
      t,
      head,
      false,
      "position_task_exhausted",
      `${head.commandType} on ${head.account} was not confirmed after ${head.attempt} attempts`,
    );
  }
  const attempt = head.attempt + 1;
  const effectId = `task.${head.id}.${attempt}`;
  t.emit({ type: "positionTaskIssued", taskId: head.id, attempt, effectId });
  t.effect({
    id: effectId,
    type: "account.command",
    payload: {
      taskId: head.id,
      attempt,
      account: head.account,
      commandId: `transfer:${t.transferId}:${head.id}`,
      type: head.commandType,
      payload: head.payload,
    },
  });
  t.remind("task", t.now + t.policy.effectGuardMs);
  return null;
}

export interface PositionResult {
  readonly taskId: string;
  readonly attempt?: number;
  readonly ok: boolean;
  readonly retryable: boolean;
  readonly code?: string;
  readonly message?: string;
}

/**
 * An account's answer to the head task. A retryable failure is redelivered after a backoff (by the task reminder).
 * An account decides every delivery afresh (a refusal is not journaled), so the refusal of an earlier delivery is not
 * final while a later one is out: that one may be applied (a reservation refused for want of funds, then made once
 * a credit arrived). Only an `ok`, which is durable, or an answer to the latest delivery counts.
 */
export function onPositionResult(t: Turn, result: PositionResult): FinishedTask | null | "stale" {
  const head = t.state.tasks[0];
  if (!head || head.id !== result.taskId) return "stale";
  if (!result.ok && result.attempt !== undefined && result.attempt !== head.attempt) return "stale";
  if (!result.ok && result.retryable) {
    t.remind("task", t.now + retryDelayMs(t.policy, `${t.transferId}:${head.id}:${head.attempt}`, head.attempt));
    return null;
  }
  const code = result.code ?? "";
  return finish(t, head, result.ok || alreadyDone.has(code), code, result.message ?? "");
}

function finish(t: Turn, task: PositionTask, applied: boolean, code: string, message: string): FinishedTask {
  t.emit({ type: "positionTaskFinished", taskId: task.id, applied, code, message });
  return { task, applied, code, message };
}
