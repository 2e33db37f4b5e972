import type { EffectRequest } from "../../runtime/actor-kind.js";
import type { JsonObject } from "../../runtime/json.js";
import { JsonReader } from "../shared/json-reader.js";
import { speeds, stepNames, type Speed, type StepName } from "./commands.js";
import { positionTaskCommands, type PositionTask } from "./state.js";

/** The transfer's amount (a decimal string) and currency. */
type Money = { readonly amount: string; readonly currency: string };

/** What each bank step asks its bank to do: the account there, the other end, the money (ADR 006 §3). */
export type DebitOrder = {
  readonly bankCode: string;
  readonly account: string;
  readonly toBankCode: string;
  readonly toAccount: string;
  readonly speed: Speed;
} & Money;
export type CreditOrder = {
  readonly bankCode: string;
  readonly account: string;
  readonly fromBankCode: string;
  readonly fromAccount: string;
  readonly debitSerial: string;
} & Money;
export type ReversalOrder = {
  readonly bankCode: string;
  readonly account: string;
  readonly originalSerial: string;
} & Money;

/** A bank call of a step with the step's serial, the same for every attempt. */
export type BankSend = { readonly channel: string; readonly serial: string } & (
  | { readonly step: "debit"; readonly request: DebitOrder }
  | { readonly step: "credit"; readonly request: CreditOrder }
  | { readonly step: "reversal"; readonly request: ReversalOrder }
);

/**
 * The work a transfer asks for outside itself (ADR 006 §1), run by adapters/banks/transfer-effects.ts once the entry
 * that asks for it is written. Each answer comes back to the transfer as a command: `positionResult`,
 * `channelResult`, `bankResult`.
 */
export type TransferEffect = { readonly id: string } &
  /** A position task: the command to an account, under a command id fixed per task. */
  (
    | {
        readonly type: "account.command";
        readonly payload: {
          readonly taskId: string;
          readonly attempt: number;
          readonly account: string;
          readonly commandId: string;
          readonly type: PositionTask["commandType"];
          readonly payload: JsonObject;
        };
      }
    /** Permission for a bank call from the step's channel. */
    | {
        readonly type: "channel.acquire";
        readonly payload: {
          readonly channel: string;
          readonly transferId: string;
          readonly step: StepName;
          readonly speed: Speed;
        } & Money;
      }
    | { readonly type: "bank.send"; readonly payload: BankSend }
    /** Where the step's serial stands at the bank. */
    | {
        readonly type: "bank.query";
        readonly payload: { readonly channel: string; readonly step: StepName; readonly serial: string };
      }
  );

export type TransferEffectType = TransferEffect["type"];

/** An effect of a transfer's journal entry as the effect runner hands it over; a TypeError names what is off. */
export function decodeTransferEffect(effect: EffectRequest, transferId: string): TransferEffect {
  const r = JsonReader.of(`an effect of transfer ${transferId}`, {
    id: effect.id,
    type: effect.type,
    payload: effect.payload,
  });
  const id = r.text("id");
  const type = r.oneOf("type", [
    "account.command",
    "channel.acquire",
    "bank.send",
    "bank.query",
  ] as const satisfies readonly TransferEffectType[]);
  const p = r.object("payload");
  switch (type) {
    case "account.command":
      return {
        id,
        type,
        payload: {
          taskId: p.text("taskId"),
          attempt: p.integer("attempt"),
          account: p.text("account"),
          commandId: p.text("commandId"),
          type: p.oneOf("type", positionTaskCommands),
          payload: p.jsonObject("payload"),
        },
      };
    case "channel.acquire":
      return {
        id,
        type,
        payload: {
          channel: p.text("channel"),
          transferId: p.text("transferId"),
          step: p.oneOf("step", stepNames),
          amount: p.text("amount"),
          currency: p.text("currency"),
          speed: p.oneOf("speed", speeds),
        },
      };
    case "bank.send":
      return { id, type, payload: decodeBankSend(p) };
    case "bank.query":
      return {
        id,
        type,
        payload: { channel: p.text("channel"), step: p.oneOf("step", stepNames), serial: p.text("serial") },
      };
  }
}

function decodeBankSend(p: JsonReader): BankSend {
  const channel = p.text("channel");
  const serial = p.text("serial");
  const r = p.object("request");
  const at = { bankCode: r.text("bankCode"), account: r.text("account") };
  const money = { amount: r.text("amount"), currency: r.text("currency") };
  const step = p.oneOf("step", stepNames);
  switch (step) {
    case "debit":
      return {
        channel,
        step,
        serial,
        request: {
          ...at,
          toBankCode: r.text("toBankCode"),
          toAccount: r.text("toAccount"),
          speed: r.oneOf("speed", speeds),
          ...money,
        },
      };
    case "credit":
      return {
        channel,
        step,
        serial,
        request: {
          ...at,
          fromBankCode: r.text("fromBankCode"),
          fromAccount: r.text("fromAccount"),
          debitSerial: r.text("debitSerial"),
          ...money,
        },
      };
    case "reversal":
      return { channel, step, serial, request: { ...at, originalSerial: r.text("originalSerial"), ...money } };
  }
}
