/**
 * The four provisioned Grafana dashboards, described once (ADR 008 §6). `npm run dashboards` writes them to
 * deploy/grafana/dashboards/*.json; a test checks the committed files equal this output and runs every query
 * against a real Prometheus. Edit here, not in Grafana (provisioned files win at restart).
 */

/** The datasource provisioned in deploy/grafana/provisioning/datasources (fixed uid). */
export const datasource = { type: "prometheus", uid: "prometheus" } as const;

interface Query {
  readonly expr: string;
  readonly legend?: string;
  /** One value per series now (stat and table panels), rather than a range. */
  readonly instant?: boolean;
}

type PanelType = "timeseries" | "stat" | "state-timeline" | "table";

interface PanelSpec {
  readonly title: string;
  readonly type: PanelType;
  readonly description: string;
  readonly queries: readonly Query[];
  /** Grid width out of 24, and height in rows. */
  readonly w: number;
  readonly h: number;
  readonly unit?: string;
  readonly decimals?: number;
  /** Value -> text and colour (state timelines and stats of states). */
  readonly mappings?: ReadonlyArray<{ value: number; text: string; color: string }>;
  /** Threshold steps for stats: [colour, from]. */
  readonly thresholds?: ReadonlyArray<[string, number | null]>;
  /** Series whose name matches this regex are drawn dashed (watermarks, capacities). */
  readonly dashed?: string;
  readonly stack?: boolean;
  readonly transformations?: readonly unknown[];
}

interface Variable {
  readonly name: string;
  readonly label: string;
  readonly query: string;
}

interface DashboardSpec {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly variables: readonly Variable[];
  readonly rows: ReadonlyArray<{ readonly title: string; readonly panels: readonly PanelSpec[] }>;
}

const byAccount = 'pool=~"$pool", currency=~"$currency", account=~"$account"';
const byPool = 'pool=~"$pool", currency=~"$currency"';

/** 0 ok, 1 low_warning, 2 low_danger, 3 high, from a `..._liquidity_state` gauge, one series per `by`. */
function stateCode(metric: string, filter: string, by: string): string {
  const code = (state: string, value: number) => `(${metric}{${filter}, state="${state}"} == 1) * ${value}`;
  return `max by (${by}) (${code("ok", 0)} or ${code("low_warning", 1)} or ${code("low_danger", 2)} or ${code("high", 3)})`;
}

const liquidityMappings = [
  { value: 0, text: "ok", color: "green" },
  { value: 1, text: "low warning", color: "yellow" },
  { value: 2, text: "low danger", color: "red" },
  { value: 3, text: "above high", color: "blue" },
];

const liquidity: DashboardSpec = {
  uid: "liq-liquidity",
  title: "Liquidity",
  description: "Positions against watermarks, per account and pool (LIQ_WATERMARKS_FILE; ADR 008 §2).",
  variables: [
    { name: "pool", label: "Pool", query: "label_values(liq_account_position, pool)" },
    { name: "currency", label: "Currency", query: "label_values(liq_account_position, currency)" },
    {
      name: "account",
      label: "Account",
      query: 'label_values(liq_account_position{pool=~"$pool", currency=~"$currency"}, account)',
    },
  ],
  rows: [
    {
      title: "Now",
      panels: [
        {
          title: "Accounts below danger",
          type: "stat",
          w: 4,
          h: 4,
          description:
            "Accounts whose available amount is below their low_danger watermark (judged exactly by the engine).",
          queries: [
            {
              expr: `count(liq_account_liquidity_state{${byAccount}, state="low_danger"} == 1) or vector(0)`,
              instant: true,
            },
          ],
          thresholds: [
            ["green", null],
            ["red", 1],
          ],
        },
        {
          title: "Accounts below warning",
          type: "stat",
          w: 4,
          h: 4,
          description: "Accounts below low_warning but not below low_danger.",
          queries: [
            {
              expr: `count(liq_account_liquidity_state{${byAccount}, state="low_warning"} == 1) or vector(0)`,
              instant: true,
            },
          ],
          thresholds: [
            ["green", null],
            ["yellow", 1],
          ],
        },
        {
          title: "Pools below a watermark",
          type: "stat",
          w: 4,
          h: 4,
          description: "Pools (per currency) whose total available amount is below low_warning or low_danger.",
          queries: [
            {
              expr: `count(liq_pool_liquidity_state{${byPool}, state=~"low_warning|low_danger"} == 1) or vector(0)`,
              instant: true,
            },
          ],
          thresholds: [
            ["green", null],
            ["orange", 1],
          ],
        },
        {
          title: "Available by currency",
          type: "stat",
          w: 12,
          h: 4,
          decimals: 2,
          description: "Sum of every pool's available amount, per currency.",
          queries: [
            {
              expr: `sum by (currency) (liq_pool_position{${byPool}, field="available"})`,
              legend: "{{currency}}",
              instant: true,
            },
          ],
        },
      ],
    },
    {
      title: "Accounts",
      panels: [
        {
          title: "Available against watermarks",
          type: "timeseries",
          w: 24,
          h: 10,
          decimals: 2,
          description:
            "Each account's available amount (solid) and its watermarks (dashed). Available = ledger - frozen - in-transit debit + in-transit credit.",
          queries: [
            { expr: `liq_account_position{${byAccount}, field="available"}`, legend: "{{account}} available" },
            { expr: `liq_account_watermark{${byAccount}}`, legend: "{{account}} {{level}}" },
          ],
          dashed: "/low_danger|low_warning|high$/",
        },
        {
          title: "Liquidity state",
          type: "state-timeline",
          w: 24,
          h: 8,
          description: "Each watched account's state: ok, low warning, low danger, above high.",
          queries: [{ expr: stateCode("liq_account_liquidity_state", byAccount, "account"), legend: "{{account}}" }],
          mappings: liquidityMappings,
        },
        {
          title: "Positions now",
          type: "table",
          w: 24,
          h: 10,
          decimals: 2,
          description: "Every account's position by field, from the engine's position directory.",
          queries: [
            { expr: `sum by (account, currency, pool, field) (liq_account_position{${byAccount}})`, instant: true },
          ],
          transformations: [
            { id: "labelsToFields", options: { mode: "columns", valueLabel: "field" } },
            { id: "merge", options: {} },
            {
              id: "organize",
              options: {
                excludeByName: { Time: true },
                indexByName: {
                  account: 0,
                  pool: 1,
                  currency: 2,
                  ledger: 3,
                  frozen: 4,
                  in_transit_debit: 5,
                  in_transit_credit: 6,
                  available: 7,
                },
              },
            },
          ],
        },
        {
          title: "Frozen and in transit",
          type: "timeseries",
          w: 24,
          h: 8,
          decimals: 2,
          description: "Amounts held back (frozen), leaving (in-transit debit) and arriving (in-transit credit).",
          queries: [
            {
              expr: `liq_account_position{${byAccount}, field=~"frozen|in_transit_debit|in_transit_credit"}`,
              legend: "{{account}} {{field}}",
            },
          ],
        },
      ],
    },
    {
      title: "Pools",
      panels: [
        {
          title: "Pool available against watermarks",
          type: "timeseries",
          w: 16,
          h: 9,
          decimals: 2,
          description: "Each pool's total available amount per currency (solid) and its watermarks (dashed).",
          queries: [
            { expr: `liq_pool_position{${byPool}, field="available"}`, legend: "{{pool}} {{currency}} available" },
            { expr: `liq_pool_watermark{${byPool}}`, legend: "{{pool}} {{currency}} {{level}}" },
          ],
          dashed: "/low_danger|low_warning|high$/",
        },
        {
          title: "Pool state",
          type: "state-timeline",
          w: 8,
          h: 9,
          description: "Each pool's state against its watermarks.",
          queries: [
            { expr: stateCode("liq_pool_liquidity_state", byPool, "pool, currency"), legend: "{{pool}} {{currency}}" },
          ],
          mappings: liquidityMappings,
        },
      ],
    },
    {
      title: "Decisions",
      panels: [
        {
          title: "Rule decisions by outcome",
          type: "timeseries",
          w: 8,
          h: 8,
          unit: "short",
          description:
            "Decisions per rule and outcome in each interval: executed (AUTO), suggested, alerted (MONITOR), shortfall, stopped (back-and-forth detector), none.",
          queries: [
            {
              expr: "sum by (rule, outcome) (increase(liq_planner_decisions_total[$__rate_interval]))",
              legend: "{{rule}} {{outcome}}",
            },
          ],
        },
        {
          title: "Shortfall by pool",
          type: "timeseries",
          w: 8,
          h: 8,
          decimals: 2,
          description: "What each pool's last evaluation could not cover (PlannerShortfall after 5 minutes above 0).",
          queries: [
            { expr: `max by (pool, currency) (liq_planner_shortfall{${byPool}})`, legend: "{{pool}} {{currency}}" },
          ],
        },
        {
          title: "Uncovered accounts and stopped rules",
          type: "timeseries",
          w: 8,
          h: 8,
          unit: "short",
          description:
            "Accounts below low warning that no rule acts on now (disabled, stopped, outside hours, a plan pending), and rules stopped by the detector.",
          queries: [
            {
              expr: `max by (pool, currency) (liq_planner_idle_accounts{${byPool}})`,
              legend: "{{pool}} {{currency}} uncovered",
            },
            {
              expr: "sum by (rule) (increase(liq_planner_loop_trips_total[$__rate_interval]))",
              legend: "{{rule}} stopped",
            },
          ],
        },
        {
          title: "Suggestions waiting",
          type: "timeseries",
          w: 24,
          h: 8,
          unit: "short",
          description:
            "Suggestions waiting for approval per pool, and how long the oldest has waited (SuggestionWaitingTooLong after an hour); an approved one still without its transfer.",
          queries: [
            {
              expr: `max by (pool, currency) (liq_suggestions_pending{${byPool}})`,
              legend: "{{pool}} {{currency}} waiting",
            },
            {
              expr: `max by (pool, currency) (liq_suggestion_oldest_pending_seconds{${byPool}}) / 60`,
              legend: "{{pool}} {{currency}} oldest (min)",
            },
            {
              expr: `max by (pool, currency) (liq_suggestion_oldest_approved_seconds{${byPool}}) / 60`,
              legend: "{{pool}} {{currency}} approved, no transfer (min)",
            },
          ],
        },
      ],
    },
    {
      title: "Reconciliation",
      panels: [
        {
          title: "Unresolved differences",
          type: "timeseries",
          w: 8,
          h: 8,
          unit: "short",
          stack: true,
          description:
            "Differences between the banks' statements and the engine's records not yet resolved, by status: open, explained (someone said why), proposed (a resolution waits for a second person).",
          queries: [
            {
              expr: 'sum by (status) (max by (class, status) (liq_reconciliation_differences{status!="resolved"}))',
              legend: "{{status}}",
            },
          ],
        },
        {
          title: "Oldest unresolved difference",
          type: "timeseries",
          w: 8,
          h: 8,
          unit: "s",
          description:
            "How long the oldest unresolved difference of each class has waited since it was found (ReconciliationDifferenceOpenTooLong after a day).",
          queries: [
            { expr: "max by (class) (liq_reconciliation_difference_oldest_open_seconds)", legend: "{{class}}" },
          ],
        },
        {
          title: "Unresolved amount",
          type: "timeseries",
          w: 8,
          h: 8,
          decimals: 2,
          description: "The unresolved differences' amounts in absolute value, summed per currency.",
          queries: [
            {
              expr: 'max by (currency) (liq_reconciliation_open_amount{currency=~"$currency"})',
              legend: "{{currency}}",
            },
          ],
        },
        {
          title: "Balance differences",
          type: "table",
          w: 12,
          h: 8,
          decimals: 2,
          description:
            "Accounts whose latest reconciled statement's balance is not the engine's ledger as of that day: statement minus engine (ReconciliationBalanceDiffers).",
          queries: [
            {
              expr: 'max by (account, currency) (liq_reconciliation_balance_difference{account=~"$account", currency=~"$currency"})',
              instant: true,
            },
          ],
          transformations: [{ id: "organize", options: { excludeByName: { Time: true } } }],
        },
        {
          title: "Statement age",
          type: "timeseries",
          w: 12,
          h: 8,
          unit: "s",
          description:
            "Per account, the time since the end of the last day its imported statements cover (ReconciliationStatementMissing after four days).",
          queries: [
            {
              expr: 'max by (account) (liq_reconciliation_statement_age_seconds{account=~"$account"})',
              legend: "{{account}}",
            },
          ],
        },
      ],
    },
  ],
};

const pending = 'status=~"CREATED|PENDING_APPROVAL|DEBIT_PENDING|DEBIT_SUCCESS|CREDIT_PENDING|UNKNOWN|COMPENSATING"';

const transfers: DashboardSpec = {
  uid: "liq-transfers",
  title: "Transfers",
  description: "Transfers by state, latency and failures (ADR 006, ADR 007).",
  variables: [],
  rows: [
    {
      title: "Now",
      panels: [
        {
          title: "In flight",
          type: "stat",
          w: 6,
          h: 4,
          description: "Transfers not yet in a terminal state, from the read model.",
          queries: [{ expr: `sum(liq_transfers{${pending}})`, instant: true }],
        },
        {
          title: "Waiting for an operator",
          type: "stat",
          w: 6,
          h: 4,
          description: "Transfers in MANUAL_INTERVENTION: automatic recovery is exhausted.",
          queries: [{ expr: 'sum(liq_transfers{status="MANUAL_INTERVENTION"})', instant: true }],
          thresholds: [
            ["green", null],
            ["red", 1],
          ],
        },
        {
          title: "Oldest unknown outcome",
          type: "stat",
          w: 6,
          h: 4,
          unit: "s",
          description: "How long the transfer longest in UNKNOWN has waited for its bank's answer.",
          queries: [{ expr: 'max(liq_transfer_status_oldest_seconds{status="UNKNOWN"})', instant: true }],
          thresholds: [
            ["green", null],
            ["yellow", 60],
            ["red", 600],
          ],
        },
        {
          title: "Succeeded (1h)",
          type: "stat",
          w: 6,
          h: 4,
          decimals: 0,
          description: "Transfers that reached SUCCESS in the last hour.",
          queries: [{ expr: 'sum(increase(liq_transfer_transitions_total{to="SUCCESS"}[1h]))', instant: true }],
        },
      ],
    },
    {
      title: "Flow",
      panels: [
        {
          title: "Transfers by status",
          type: "timeseries",
          w: 12,
          h: 9,
          stack: true,
          description: "Transfers per status, counted by the read model at scrape time.",
          queries: [{ expr: "sum by (status) (liq_transfers)", legend: "{{status}}" }],
        },
        {
          title: "Transitions per second",
          type: "timeseries",
          w: 12,
          h: 9,
          unit: "ops",
          description: "Status changes per second, by the status entered.",
          queries: [{ expr: "sum by (to) (rate(liq_transfer_transitions_total[$__rate_interval]))", legend: "{{to}}" }],
        },
        {
          title: "End-to-end latency",
          type: "timeseries",
          w: 12,
          h: 9,
          unit: "s",
          description: "Time from creation to SUCCESS: 50th and 99th percentiles.",
          queries: [
            {
              expr: 'histogram_quantile(0.5, sum by (le) (rate(liq_transfer_duration_seconds_bucket{status="SUCCESS"}[$__rate_interval])))',
              legend: "p50",
            },
            {
              expr: 'histogram_quantile(0.99, sum by (le) (rate(liq_transfer_duration_seconds_bucket{status="SUCCESS"}[$__rate_interval])))',
              legend: "p99",
            },
          ],
        },
        {
          title: "Step latency (p99)",
          type: "timeseries",
          w: 12,
          h: 9,
          unit: "s",
          description: "99th percentile of a bank step's duration (debit, credit, reversal), by outcome.",
          queries: [
            {
              expr: "histogram_quantile(0.99, sum by (step, outcome, le) (rate(liq_transfer_step_duration_seconds_bucket[$__rate_interval])))",
              legend: "{{step}} {{outcome}}",
            },
          ],
        },
      ],
    },
    {
      title: "Failures",
      panels: [
        {
          title: "Failed, compensated, manual",
          type: "timeseries",
          w: 12,
          h: 9,
          unit: "ops",
          description: "Transfers entering FAILED, COMPENSATED or MANUAL_INTERVENTION per second.",
          queries: [
            {
              expr: 'sum by (to) (rate(liq_transfer_transitions_total{to=~"FAILED|COMPENSATED|MANUAL_INTERVENTION"}[$__rate_interval]))',
              legend: "{{to}}",
            },
          ],
        },
        {
          title: "Oldest in each status",
          type: "timeseries",
          w: 12,
          h: 9,
          unit: "s",
          description:
            "Time since the transfer longest in each in-flight status entered it: what the stuck-transfer alerts read.",
          queries: [{ expr: "max by (status) (liq_transfer_status_oldest_seconds)", legend: "{{status}}" }],
        },
        {
          title: "Alerts raised (1h)",
          type: "table",
          w: 12,
          h: 8,
          decimals: 0,
          description:
            "Durable transfer alerts in the last hour, by severity and code (the alerts stream holds each one).",
          queries: [{ expr: "sum by (severity, code) (increase(liq_alerts_total[1h])) > 0", instant: true }],
        },
        {
          title: "Read model backlog",
          type: "timeseries",
          w: 12,
          h: 8,
          description:
            "Transfer events not yet in the read model (ListTransfers, the status gauges), and events written per second.",
          queries: [
            { expr: "max(liq_transfer_projection_pending)", legend: "pending" },
            { expr: "sum(rate(liq_transfer_projection_events_total[$__rate_interval]))", legend: "written/s" },
          ],
        },
        {
          title: "Resends and task retries",
          type: "timeseries",
          w: 12,
          h: 8,
          unit: "ops",
          description: "Bank sends after the bank had not found the serial, and position tasks delivered again.",
          queries: [
            { expr: "sum by (step) (rate(liq_transfer_resends_total[$__rate_interval]))", legend: "resend {{step}}" },
            {
              expr: "sum by (task) (rate(liq_transfer_position_task_retries_total[$__rate_interval]))",
              legend: "retry {{task}}",
            },
          ],
        },
      ],
    },
  ],
};

const circuitMappings = [
  { value: 0, text: "closed", color: "green" },
  { value: 1, text: "half open", color: "yellow" },
  { value: 2, text: "open", color: "red" },
];

const channels: DashboardSpec = {
  uid: "liq-channels",
  title: "Bank channels",
  description: "Channel health, circuit breakers, bank calls and fees (ADR 006 §4).",
  variables: [{ name: "channel", label: "Channel", query: "label_values(liq_channel_circuit_state, channel)" }],
  rows: [
    {
      title: "Health",
      panels: [
        {
          title: "Circuit",
          type: "state-timeline",
          w: 24,
          h: 8,
          description:
            "Each channel's circuit breaker: closed (calls go through), half open (trial calls), open (refused).",
          queries: [
            {
              expr: 'max by (channel) ((liq_channel_circuit_state{channel=~"$channel", state="closed"} == 1) * 0 or (liq_channel_circuit_state{channel=~"$channel", state="half_open"} == 1) * 1 or (liq_channel_circuit_state{channel=~"$channel", state="open"} == 1) * 2)',
              legend: "{{channel}}",
            },
          ],
          mappings: circuitMappings,
        },
        {
          title: "Consecutive failures",
          type: "timeseries",
          w: 12,
          h: 8,
          description: "Failures in a row per channel; the breaker opens at its failureThreshold.",
          queries: [
            { expr: 'max by (channel) (liq_channel_consecutive_failures{channel=~"$channel"})', legend: "{{channel}}" },
          ],
        },
        {
          title: "Calls by outcome",
          type: "timeseries",
          w: 12,
          h: 8,
          unit: "ops",
          stack: true,
          description: "Bank call outcomes reported to each channel: succeeded, rejected, unknown, transport_failure.",
          queries: [
            {
              expr: 'sum by (channel, outcome) (rate(liq_channel_calls_total{channel=~"$channel"}[$__rate_interval]))',
              legend: "{{channel}} {{outcome}}",
            },
          ],
        },
      ],
    },
    {
      title: "Calls",
      panels: [
        {
          title: "Bank call latency (p99)",
          type: "timeseries",
          w: 12,
          h: 8,
          unit: "s",
          description: "99th percentile of a bank call's latency per channel.",
          queries: [
            {
              expr: 'histogram_quantile(0.99, sum by (channel, le) (rate(liq_channel_call_duration_seconds_bucket{channel=~"$channel"}[$__rate_interval])))',
              legend: "{{channel}}",
            },
          ],
        },
        {
          title: "Sends and queries",
          type: "timeseries",
          w: 12,
          h: 8,
          unit: "ops",
          description: "Bank calls made by transfers: sends and status queries, per step.",
          queries: [
            {
              expr: "sum by (step, call) (rate(liq_transfer_bank_calls_total[$__rate_interval]))",
              legend: "{{call}} {{step}}",
            },
          ],
        },
        {
          title: "Channel refusals",
          type: "timeseries",
          w: 12,
          h: 8,
          unit: "ops",
          description: "Steps a channel refused (circuit open, cut-off passed, daily limit, maintenance), by reason.",
          queries: [
            {
              expr: 'sum by (channel, code) (rate(liq_transfer_channel_refusals_total{channel=~"$channel"}[$__rate_interval]))',
              legend: "{{channel}} {{code}}",
            },
          ],
        },
        {
          title: "Bank callbacks",
          type: "timeseries",
          w: 12,
          h: 8,
          unit: "ops",
          description: "Signed status callbacks from banks, by result (accepted, duplicate, bad_signature, ...).",
          queries: [
            { expr: "sum by (result) (rate(liq_bank_callbacks_total[$__rate_interval]))", legend: "{{result}}" },
          ],
        },
      ],
    },
    {
      title: "Fees",
      panels: [
        {
          title: "Fees quoted (1h)",
          type: "timeseries",
          w: 12,
          h: 8,
          decimals: 2,
          description:
            "Fees quoted by each channel for the steps it allowed in the last hour, in the channel's currency: urgent speeds cost more.",
          queries: [
            {
              expr: 'sum by (channel) (increase(liq_channel_fees_quoted_total{channel=~"$channel"}[1h]))',
              legend: "{{channel}}",
            },
          ],
        },
        {
          title: "Average fee per step",
          type: "timeseries",
          w: 12,
          h: 8,
          decimals: 2,
          description: "Fees quoted divided by steps allowed, per channel.",
          queries: [
            {
              expr: 'sum by (channel) (rate(liq_channel_fees_quoted_total{channel=~"$channel"}[$__rate_interval])) / sum by (channel) (rate(liq_channel_calls_total{channel=~"$channel"}[$__rate_interval]))',
              legend: "{{channel}}",
            },
          ],
        },
      ],
    },
  ],
};

const runtime: DashboardSpec = {
  uid: "liq-runtime",
  title: "Engine runtime",
  description: "Actors, mailboxes, the journal, publication, ingestion, gRPC and the Node process (ADR 001, ADR 002).",
  variables: [{ name: "kind", label: "Actor kind", query: "label_values(liq_actors_active, kind)" }],
  rows: [
    {
      title: "Actors",
      panels: [
        {
          title: "Active actors",
          type: "timeseries",
          w: 8,
          h: 8,
          description: "Actors in memory per kind.",
          queries: [{ expr: 'sum by (kind) (liq_actors_active{kind=~"$kind"})', legend: "{{kind}}" }],
        },
        {
          title: "Activations and passivations",
          type: "timeseries",
          w: 8,
          h: 8,
          unit: "ops",
          description: "Actors loaded into and removed from memory per second.",
          queries: [
            {
              expr: 'sum by (kind) (rate(liq_actor_activations_total{kind=~"$kind"}[$__rate_interval]))',
              legend: "activated {{kind}}",
            },
            {
              expr: 'sum by (kind) (rate(liq_actor_passivations_total{kind=~"$kind"}[$__rate_interval]))',
              legend: "passivated {{kind}}",
            },
          ],
        },
        {
          title: "Mailbox depth at batch start",
          type: "timeseries",
          w: 8,
          h: 8,
          description:
            "50th and 99th percentile of commands waiting when a batch starts, against the capacity (dashed).",
          queries: [
            {
              expr: 'histogram_quantile(0.5, sum by (kind, le) (rate(liq_actor_mailbox_depth_bucket{kind=~"$kind"}[$__rate_interval])))',
              legend: "p50 {{kind}}",
            },
            {
              expr: 'histogram_quantile(0.99, sum by (kind, le) (rate(liq_actor_mailbox_depth_bucket{kind=~"$kind"}[$__rate_interval])))',
              legend: "p99 {{kind}}",
            },
            { expr: "max(liq_actor_mailbox_capacity)", legend: "capacity" },
          ],
          dashed: "/capacity/",
        },
        {
          title: "Turn latency (p99)",
          type: "timeseries",
          w: 8,
          h: 8,
          unit: "s",
          description: "Time to decide one batch of commands (pure code, no I/O).",
          queries: [
            {
              expr: 'histogram_quantile(0.99, sum by (kind, le) (rate(liq_actor_turn_duration_seconds_bucket{kind=~"$kind"}[$__rate_interval])))',
              legend: "{{kind}}",
            },
          ],
        },
        {
          title: "Command refusals",
          type: "timeseries",
          w: 8,
          h: 8,
          unit: "ops",
          description: "Commands refused per second, by code (business refusals and back-pressure).",
          queries: [
            {
              expr: 'sum by (code) (rate(liq_command_rejections_total{kind=~"$kind"}[$__rate_interval]))',
              legend: "{{code}}",
            },
          ],
        },
        {
          title: "Effects in flight",
          type: "timeseries",
          w: 8,
          h: 8,
          description: "Bank calls and commands to other actors running or being delivered.",
          queries: [{ expr: "sum(liq_effects_in_flight)", legend: "effects" }],
        },
      ],
    },
    {
      title: "Journal and publication",
      panels: [
        {
          title: "Journal write latency",
          type: "timeseries",
          w: 8,
          h: 8,
          unit: "s",
          description: "50th and 99th percentile of one (group-committed) journal write.",
          queries: [
            {
              expr: "histogram_quantile(0.5, sum by (le) (rate(liq_journal_write_duration_seconds_bucket[$__rate_interval])))",
              legend: "p50",
            },
            {
              expr: "histogram_quantile(0.99, sum by (le) (rate(liq_journal_write_duration_seconds_bucket[$__rate_interval])))",
              legend: "p99",
            },
          ],
        },
        {
          title: "Journal batch size",
          type: "timeseries",
          w: 8,
          h: 8,
          description: "Entries per journal write (group commit): 50th and 99th percentile.",
          queries: [
            {
              expr: "histogram_quantile(0.5, sum by (le) (rate(liq_journal_write_entries_bucket[$__rate_interval])))",
              legend: "p50",
            },
            {
              expr: "histogram_quantile(0.99, sum by (le) (rate(liq_journal_write_entries_bucket[$__rate_interval])))",
              legend: "p99",
            },
          ],
        },
        {
          title: "Journal writes by outcome",
          type: "timeseries",
          w: 8,
          h: 8,
          unit: "ops",
          description: "Writes per second: written, uncertain (reloaded), error.",
          queries: [
            {
              expr: "sum by (outcome) (rate(liq_journal_write_duration_seconds_count[$__rate_interval]))",
              legend: "{{outcome}}",
            },
          ],
        },
        {
          title: "Events published",
          type: "timeseries",
          w: 8,
          h: 8,
          unit: "ops",
          description: "Events acknowledged by JetStream per second, by actor kind.",
          queries: [
            {
              expr: 'sum by (kind) (rate(liq_events_published_total{kind=~"$kind"}[$__rate_interval]))',
              legend: "{{kind}}",
            },
          ],
        },
        {
          title: "Publication checkpoint lag",
          type: "timeseries",
          w: 8,
          h: 8,
          unit: "s",
          description: "Age of the publication checkpoint: grows while some actor cannot publish (ADR 002).",
          queries: [{ expr: "max(liq_publication_checkpoint_lag_seconds)", legend: "lag" }],
        },
        {
          title: "Actors left to recover",
          type: "timeseries",
          w: 8,
          h: 8,
          unit: "short",
          description:
            "Actors written since the publication checkpoint that recovery after a start has still to activate; the engine serves meanwhile (ADR 002 §7).",
          queries: [{ expr: "liq_recovery_actors_remaining", legend: "{{instance}}" }],
        },
        {
          title: "Reminders and reloads",
          type: "timeseries",
          w: 8,
          h: 8,
          unit: "ops",
          description: "Reminders delivered, and journal reloads after fenced or uncertain writes.",
          queries: [
            { expr: "sum by (kind) (rate(liq_reminders_fired_total[$__rate_interval]))", legend: "reminders {{kind}}" },
            { expr: "sum by (kind) (rate(liq_journal_reloads_total[$__rate_interval]))", legend: "reloads {{kind}}" },
          ],
        },
      ],
    },
    {
      title: "Ingestion and API",
      panels: [
        {
          title: "Entries ingested",
          type: "timeseries",
          w: 8,
          h: 8,
          unit: "ops",
          description: "Upstream accounting entries per second by outcome: applied, duplicate, dead_lettered, retried.",
          queries: [
            { expr: "sum by (outcome) (rate(liq_ingested_entries_total[$__rate_interval]))", legend: "{{outcome}}" },
          ],
        },
        {
          title: "Ingestion lag and backlog",
          type: "timeseries",
          w: 8,
          h: 8,
          description: "Seconds from an entry's publication to its handling, and entries waiting in the stream.",
          queries: [
            { expr: "max(liq_ingestion_lag_seconds)", legend: "lag (s)" },
            { expr: "sum(liq_ingestion_pending)", legend: "pending" },
          ],
        },
        {
          title: "gRPC requests",
          type: "timeseries",
          w: 8,
          h: 8,
          unit: "ops",
          description: "Client requests per second by method and status code.",
          queries: [
            {
              expr: "sum by (method, code) (rate(liq_grpc_requests_total[$__rate_interval]))",
              legend: "{{method}} {{code}}",
            },
          ],
        },
      ],
    },
    {
      title: "Scheduled jobs",
      panels: [
        {
          title: "Job slots by outcome",
          type: "timeseries",
          w: 12,
          h: 8,
          unit: "short",
          description:
            "Slots per job and outcome in each interval: fired (sent), applied or refused by the target, undelivered; and slots passed over (skipped: missed while down, or backlog). Every engine exports every job: max across them.",
          queries: [
            {
              expr: "max by (job_id, outcome) (increase(liq_schedule_slots_total[$__rate_interval]))",
              legend: "{{job_id}} {{outcome}}",
            },
            {
              expr: "max by (job_id, reason) (increase(liq_schedule_skips_total[$__rate_interval]))",
              legend: "{{job_id}} skipped ({{reason}})",
            },
          ],
        },
        {
          title: "Next slot per job",
          type: "table",
          w: 12,
          h: 8,
          unit: "s",
          description:
            "Seconds until each job's next slot; below zero, the slot is overdue (ScheduledJobOverdue after two minutes). Paused and disabled jobs have none.",
          queries: [{ expr: "max by (job_id) (liq_schedule_next_slot_timestamp_seconds) - time()", instant: true }],
          transformations: [
            {
              id: "organize",
              options: { excludeByName: { Time: true }, renameByName: { job_id: "job", Value: "next slot in" } },
            },
          ],
        },
      ],
    },
    {
      title: "Process",
      panels: [
        {
          title: "CPU",
          type: "timeseries",
          w: 8,
          h: 8,
          unit: "percentunit",
          description: "CPU time of the engine process per second (1 = one core).",
          queries: [
            {
              expr: 'sum by (instance) (rate(process_cpu_seconds_total{job="liquidity-engine"}[$__rate_interval]))',
              legend: "{{instance}}",
            },
          ],
        },
        {
          title: "Memory",
          type: "timeseries",
          w: 8,
          h: 8,
          unit: "bytes",
          description: "Resident memory and V8 heap used.",
          queries: [
            { expr: 'process_resident_memory_bytes{job="liquidity-engine"}', legend: "rss {{instance}}" },
            {
              expr: 'sum by (instance) (nodejs_heap_size_used_bytes{job="liquidity-engine"})',
              legend: "heap {{instance}}",
            },
          ],
        },
        {
          title: "Event loop lag (p99)",
          type: "timeseries",
          w: 8,
          h: 8,
          unit: "s",
          description: "How late timers fire: a busy event loop delays every actor on the node.",
          queries: [{ expr: 'nodejs_eventloop_lag_p99_seconds{job="liquidity-engine"}', legend: "{{instance}}" }],
        },
      ],
    },
  ],
};

export const dashboards: readonly DashboardSpec[] = [liquidity, transfers, channels, runtime];

/** The file name of a dashboard: its uid without the `liq-` prefix. */
export function fileNameOf(spec: DashboardSpec): string {
  return `${spec.uid.replace(/^liq-/, "")}.json`;
}

/** Grafana's dashboard JSON model for one spec: rows, then panels placed left to right, wrapping at 24 columns. */
export function dashboardJson(spec: DashboardSpec): Record<string, unknown> {
  const panels: Array<Record<string, unknown>> = [];
  let id = 1;
  let y = 0;
  for (const row of spec.rows) {
    panels.push({
      id: id++,
      type: "row",
      title: row.title,
      collapsed: false,
      gridPos: { h: 1, w: 24, x: 0, y },
      panels: [],
    });
    y += 1;
    let x = 0;
    let rowHeight = 0;
    for (const panel of row.panels) {
      if (x + panel.w > 24) {
        y += rowHeight;
        x = 0;
        rowHeight = 0;
      }
      panels.push(panelJson(panel, id++, { h: panel.h, w: panel.w, x, y }));
      x += panel.w;
      rowHeight = Math.max(rowHeight, panel.h);
    }
    y += rowHeight;
  }
  return {
    uid: spec.uid,
    title: spec.title,
    description: spec.description,
    tags: ["liquidity-engine"],
    timezone: "browser",
    editable: true,
    graphTooltip: 1,
    schemaVersion: 39,
    version: 1,
    refresh: "10s",
    time: { from: "now-1h", to: "now" },
    templating: { list: spec.variables.map(variableJson) },
    annotations: { list: [] },
    links: dashboards
      .filter((other) => other.uid !== spec.uid)
      .map((other) => ({ type: "link", title: other.title, url: `/d/${other.uid}`, keepTime: true })),
    panels,
  };
}

function variableJson(variable: Variable): Record<string, unknown> {
  return {
    name: variable.name,
    label: variable.label,
    type: "query",
    datasource,
    query: { query: variable.query, refId: `${variable.name}-values` },
    definition: variable.query,
    refresh: 2,
    includeAll: true,
    multi: true,
    allValue: ".*",
    sort: 1,
    current: { selected: true, text: ["All"], value: ["$__all"] },
  };
}

function panelJson(
  panel: PanelSpec,
  id: number,
  gridPos: { h: number; w: number; x: number; y: number },
): Record<string, unknown> {
  const defaults: Record<string, unknown> = {
    ...(panel.unit !== undefined && { unit: panel.unit }),
    ...(panel.decimals !== undefined && { decimals: panel.decimals }),
    color: { mode: panel.mappings ? "thresholds" : "palette-classic" },
    thresholds: {
      mode: "absolute",
      steps: (panel.thresholds ?? [["green", null]]).map(([color, value]) => ({ color, value })),
    },
    mappings: panel.mappings
      ? [
          {
            type: "value",
            options: Object.fromEntries(
              panel.mappings.map((mapping, index) => [
                String(mapping.value),
                { text: mapping.text, color: mapping.color, index },
              ]),
            ),
          },
        ]
      : [],
  };
  if (panel.type === "timeseries") {
    defaults["custom"] = {
      drawStyle: "line",
      lineWidth: 1,
      fillOpacity: panel.stack ? 30 : 0,
      showPoints: "never",
      spanNulls: false,
      stacking: { mode: panel.stack ? "normal" : "none", group: "A" },
    };
  }
  const overrides = panel.dashed
    ? [
        {
          matcher: { id: "byRegexp", options: panel.dashed },
          properties: [{ id: "custom.lineStyle", value: { fill: "dash", dash: [10, 10] } }],
        },
      ]
    : [];
  return {
    id,
    type: panel.type,
    title: panel.title,
    description: panel.description,
    datasource,
    gridPos,
    targets: panel.queries.map((query, index) => ({
      refId: String.fromCharCode(65 + index),
      datasource,
      expr: query.expr,
      ...(query.legend !== undefined && { legendFormat: query.legend }),
      ...(query.instant
        ? { instant: true, range: false, format: panel.type === "table" ? "table" : "time_series" }
        : { range: true }),
    })),
    fieldConfig: { defaults, overrides },
    options: optionsOf(panel),
    ...(panel.transformations && { transformations: panel.transformations }),
  };
}

function optionsOf(panel: PanelSpec): Record<string, unknown> {
  switch (panel.type) {
    case "stat":
      return {
        reduceOptions: { calcs: ["lastNotNull"], fields: "", values: false },
        colorMode: "value",
        graphMode: "none",
        textMode: "auto",
        justifyMode: "auto",
        orientation: "auto",
      };
    case "timeseries":
      return {
        legend: { displayMode: "table", placement: "right", showLegend: true, calcs: ["lastNotNull"] },
        tooltip: { mode: "multi", sort: "desc" },
      };
    case "state-timeline":
      return {
        showValue: "never",
        mergeValues: true,
        rowHeight: 0.8,
        legend: { displayMode: "list", placement: "bottom", showLegend: true },
      };
    case "table":
      return { showHeader: true, cellHeight: "sm", footer: { show: false, reducer: ["sum"], fields: "" } };
  }
}

/** Every query of a dashboard, for tests. */
export function queriesOf(spec: DashboardSpec): Array<{ panel: string; expr: string }> {
  return spec.rows.flatMap((row) =>
    row.panels.flatMap((panel) => panel.queries.map((query) => ({ panel: panel.title, expr: query.expr }))),
  );
}
