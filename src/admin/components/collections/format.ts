/**
 * Pure helpers for the collections pages: badge colours, where a sync row's
 * record lives in the admin, date ranges as the API's YYYY-MM-DD strings,
 * the orders lists are shown in, and the placeholders a template uses.
 * Amounts are never parsed: they are shown exactly as the API sends them.
 */
import type { DeliveryStatus, ReconciliationRow, SyncRecord, SyncStatus } from "./types"

export type Colour = "green" | "red" | "blue" | "orange" | "grey" | "purple"

/**
 * The badge colour of a sync row's status.
 *
 * @example
 * syncStatusColour("failed") // "red"
 */
export function syncStatusColour(status: SyncStatus | string | null | undefined): Colour {
  switch (status) {
    case "synced":
      return "green"
    case "pending":
      return "orange"
    case "failed":
      return "red"
    default:
      return "grey"
  }
}

/**
 * The badge colour of a webhook delivery's status.
 *
 * @example
 * deliveryStatusColour("delivered") // "green"
 */
export function deliveryStatusColour(status: DeliveryStatus | string): Colour {
  switch (status) {
    case "delivered":
      return "green"
    case "pending":
      return "orange"
    case "failed":
      return "red"
    default:
      return "grey"
  }
}

/**
 * True when a sync row can be pushed again now: failed, or still waiting.
 *
 * @example
 * canRetrySync({ status: "synced" }) // false
 */
export function canRetrySync(row: Pick<SyncRecord, "status">): boolean {
  return row.status === "failed" || row.status === "pending"
}

/**
 * The admin page of a sync row's record: an invoice's page or an account's
 * page; null for records without a page of their own (credit notes, payments).
 *
 * @example
 * recordPath({ record_type: "invoice", record_id: "binv_1" }) // "/call-billing/invoices/binv_1"
 */
export function recordPath(row: Pick<SyncRecord, "record_type" | "record_id">): string | null {
  if (row.record_type === "invoice") return `/call-billing/invoices/${row.record_id}`
  if (row.record_type === "account") return `/call-billing/billing-accounts/${row.record_id}`
  return null
}

const pad = (n: number) => String(n).padStart(2, "0")

/**
 * The calendar month before `today`'s (browser local), first and last day.
 *
 * @example
 * lastMonth(new Date(2026, 0, 15)) // { from: "2025-12-01", to: "2025-12-31" }
 */
export function lastMonth(today: Date = new Date()): { from: string; to: string } {
  const first = new Date(today.getFullYear(), today.getMonth() - 1, 1)
  // day 0 of this month is the last day of the previous one
  const last = new Date(today.getFullYear(), today.getMonth(), 0)
  const day = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  return { from: day(first), to: day(last) }
}

/**
 * Reconciliation rows with mismatches first, each group by invoice number
 * (the server already orders them so; kept here so the page never depends on it).
 *
 * @example
 * mismatchesFirst([{ number: "A-1", mismatch: false }, { number: "A-2", mismatch: true }]).map((r) => r.number) // ["A-2", "A-1"]
 */
export function mismatchesFirst<R extends Pick<ReconciliationRow, "mismatch" | "number">>(rows: R[]): R[] {
  return [...rows].sort((a, b) => Number(b.mismatch) - Number(a.mismatch) || String(a.number ?? "").localeCompare(String(b.number ?? "")))
}

/**
 * Events newest first (by `occurred_at`; ties keep the order they came in).
 *
 * @example
 * newestFirst([{ occurred_at: "2026-11-01T00:00:00Z" }, { occurred_at: "2026-11-05T00:00:00Z" }])[0].occurred_at // "2026-11-05T00:00:00Z"
 */
export function newestFirst<E extends { occurred_at: string }>(events: E[]): E[] {
  const time = (e: E) => {
    const t = new Date(e.occurred_at).getTime()
    return isNaN(t) ? -Infinity : t
  }
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => time(b.e) - time(a.e) || a.i - b.i)
    .map(({ e }) => e)
}

/**
 * A step's day relative to the due date, for words: before, on or after, and how many days.
 *
 * @example
 * dayOffset(-3) // { when: "before", count: 3 }
 */
export function dayOffset(days: number): { when: "before" | "on" | "after"; count: number } {
  if (days < 0) return { when: "before", count: -days }
  if (days > 0) return { when: "after", count: days }
  return { when: "on", count: 0 }
}

/**
 * The `{{placeholders}}` a template uses, each once, in order of appearance
 * (the same pattern the server's renderer fills).
 *
 * @example
 * placeholdersIn("Invoice {{invoice_number}} due {{ due_date }}, {{invoice_number}}") // ["invoice_number", "due_date"]
 */
export function placeholdersIn(...texts: Array<string | null | undefined>): string[] {
  const out: string[] = []
  for (const text of texts) {
    for (const m of String(text ?? "").matchAll(/\{\{\s*([a-z0-9_]+)\s*\}\}/gi)) {
      if (!out.includes(m[1])) out.push(m[1])
    }
  }
  return out
}

/**
 * A template's placeholders that the built-in wording of its kind does not
 * use: likely typos (the renderer leaves an unknown name visible as it is).
 *
 * @example
 * unknownPlaceholders("Due {{due_dte}}", "", { subject: "Due {{due_date}}", body: "" }) // ["due_dte"]
 */
export function unknownPlaceholders(subject: string, body: string, builtIn: { subject: string; body: string } | undefined, known: readonly string[] = []): string[] {
  const allowed = new Set([...known, ...placeholdersIn(builtIn?.subject, builtIn?.body)])
  return placeholdersIn(subject, body).filter((p) => !allowed.has(p))
}

/**
 * A JSON detail (a dunning event's, a sync row's data) as one line of
 * "key value" pairs; empty values and the keys in `omit` (shown elsewhere) left out.
 *
 * @example
 * describeDetail({ note: "promised to pay", actor: "user_1", empty: null, invoice_number: "A-1" }, ["invoice_number"])
 * // "note promised to pay · actor user_1"
 */
export function describeDetail(detail: Record<string, unknown> | null | undefined, omit: string[] = []): string {
  if (!detail || typeof detail !== "object") return ""
  return Object.entries(detail)
    .filter(([k, v]) => v !== null && v !== undefined && v !== "" && !omit.includes(k))
    .map(([k, v]) => `${k.replace(/_/g, " ")} ${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(" · ")
}
