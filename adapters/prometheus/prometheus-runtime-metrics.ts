import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { JournalWriteOutcome, RuntimeMetrics } from "../../runtime/ports.js";

/** The runtime's metric hooks as Prometheus series (base units in names, `_total` counters, histograms). */
export class PrometheusRuntimeMetrics implements RuntimeMetrics {
  private readonly mailboxDepthAtBatch: Histogram<"kind">;
  private readonly turnSeconds: Histogram<"kind">;
  private readonly turnCommands: Histogram<"kind">;
  private readonly journalWriteSeconds: Histogram<"outcome">;
  private readonly journalWriteEntries: Histogram<"outcome">;
  private readonly activations: Counter<"kind">;
  private readonly activationSeconds: Histogram<"kind">;
  private readonly passivations: Counter<"kind">;
  private readonly rejections: Counter<"kind" | "code">;
  private readonly published: Counter<"kind">;
  private readonly reminders: Counter<"kind">;
  private readonly reloads: Counter<"kind">;
  private readonly checkpointLag: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    this.mailboxDepthAtBatch = new Histogram({
      name: "liq_actor_mailbox_depth",
      help: "Commands waiting in an actor's mailbox when a batch starts.",
      labelNames: ["kind"],
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
      registers,
    });
    this.turnSeconds = new Histogram({
      name: "liq_actor_turn_duration_seconds",
      help: "Time to decide one batch of commands (no I/O).",
      labelNames: ["kind"],
      buckets: [0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05],
      registers,
    });
    this.turnCommands = new Histogram({
      name: "liq_actor_batch_commands",
      help: "Commands decided together in one group commit.",
      labelNames: ["kind"],
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers,
    });
    this.journalWriteSeconds = new Histogram({
      name: "liq_journal_write_duration_seconds",
      help: "Latency of one (possibly coalesced) journal write.",
      labelNames: ["outcome"],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
    this.journalWriteEntries = new Histogram({
      name: "liq_journal_write_entries",
      help: "Journal entries in one write.",
      labelNames: ["outcome"],
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048],
      registers,
    });
    // Every outcome from the start, so that a first error shows as a rise, not as a new series (ADR 008 §5).
    for (const outcome of ["written", "uncertain", "error"] satisfies JournalWriteOutcome[]) {
      this.journalWriteSeconds.zero({ outcome });
      this.journalWriteEntries.zero({ outcome });
    }
    this.activations = new Counter({
      name: "liq_actor_activations_total",
      help: "Actors loaded into memory.",
      labelNames: ["kind"],
      registers,
    });
    this.activationSeconds = new Histogram({
      name: "liq_actor_activation_duration_seconds",
      help: "Time to load an actor into memory: its snapshot and journal tail read and replayed.",
      labelNames: ["kind"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.passivations = new Counter({
      name: "liq_actor_passivations_total",
      help: "Actors removed from memory.",
      labelNames: ["kind"],
      registers,
    });
    this.rejections = new Counter({
      name: "liq_command_rejections_total",
      help: "Commands refused, by code.",
      labelNames: ["kind", "code"],
      registers,
    });
    this.published = new Counter({
      name: "liq_events_published_total",
      help: "Events acknowledged by the bus.",
      labelNames: ["kind"],
      registers,
    });
    this.reminders = new Counter({
      name: "liq_reminders_fired_total",
      help: "Reminders delivered to actors.",
      labelNames: ["kind"],
      registers,
    });
    this.reloads = new Counter({
      name: "liq_journal_reloads_total",
      help: "Reloads after a fenced or uncertain journal write.",
      labelNames: ["kind"],
      registers,
    });
    this.checkpointLag = new Gauge({
      name: "liq_publication_checkpoint_lag_seconds",
      help: "Age of the publication checkpoint last saved: grows while some actor cannot publish (ADR 002).",
      registers,
    });
  }

  mailboxDepth(kind: string, depth: number): void {
    this.mailboxDepthAtBatch.observe({ kind }, depth);
  }
  turn(kind: string, seconds: number, commands: number): void {
    this.turnSeconds.observe({ kind }, seconds);
    this.turnCommands.observe({ kind }, commands);
  }
  journalWrite(seconds: number, entries: number, outcome: JournalWriteOutcome): void {
    this.journalWriteSeconds.observe({ outcome }, seconds);
    this.journalWriteEntries.observe({ outcome }, entries);
  }
  activated(kind: string, seconds: number): void {
    this.activations.inc({ kind });
    this.activationSeconds.observe({ kind }, seconds);
  }
  passivated(kind: string): void {
    this.passivations.inc({ kind });
  }
  rejected(kind: string, code: string): void {
    // The kind label comes from callers: keep unknown kinds from inflating cardinality.
    this.rejections.inc({ kind: /^[a-z][a-z0-9_]{0,31}$/.test(kind) ? kind : "invalid", code });
  }
  eventsPublished(kind: string, count: number): void {
    if (count > 0) this.published.inc({ kind }, count);
  }
  remindersFired(kind: string): void {
    this.reminders.inc({ kind });
  }
  publicationCheckpointLag(seconds: number): void {
    this.checkpointLag.set(seconds);
  }

  journalReloads(kind: string): void {
    this.reloads.inc({ kind });
  }
}
