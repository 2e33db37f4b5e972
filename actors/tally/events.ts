/** Events of the tally actor; amounts are canonical decimal strings. */
export type TallyEvent =
  | { readonly type: "added"; readonly amount: string; readonly total: string }
  | { readonly type: "reminderScheduled"; readonly key: string; readonly dueAt: number }
  | { readonly type: "reminded"; readonly key: string; readonly firedAt: number }
  | { readonly type: "requested"; readonly key: string }
  | { readonly type: "fulfilled"; readonly key: string; readonly value: string };
