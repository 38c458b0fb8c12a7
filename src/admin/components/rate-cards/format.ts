import type { RateCardVersion } from "../../lib/types"

/** The published version in force at `at`: effective_from ≤ at < effective_to (open end = still in force). */
export function activeVersion<V extends Pick<RateCardVersion, "status" | "effective_from" | "effective_to">>(
  versions: V[] | undefined,
  at: Date = new Date()
): V | undefined {
  const t = at.getTime()
  return (versions ?? []).find(
    (v) =>
      v.status === "published" &&
      !!v.effective_from &&
      new Date(v.effective_from).getTime() <= t &&
      (!v.effective_to || t < new Date(v.effective_to).getTime())
  )
}

/** A date-time in the browser's locale, or "–". */
export function formatDateTime(value: string | null | undefined) {
  if (!value) return "–"
  const d = new Date(value)
  return isNaN(d.getTime()) ? value : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })
}

/** Increments as "30/6". */
export const increments = (r: { initial_increment: number; subsequent_increment: number }) =>
  `${r.initial_increment}/${r.subsequent_increment}`

/** An exact decimal string with its currency; never parsed to a number. */
export const money = (value: string | null | undefined, currency: string) =>
  value === null || value === undefined || value === "" ? "–" : `${value} ${currency}`

/** A `<input type="datetime-local">` value (local time) or a bare date (UTC) to an ISO string. */
export function toIso(value: string): string | null {
  if (!value) return null
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value)
  return isNaN(d.getTime()) ? null : d.toISOString()
}

/** Native selects styled like @medusajs/ui inputs (they keep `name` for forms and tests). */
export const selectClass =
  "bg-ui-bg-field shadow-borders-base txt-compact-small text-ui-fg-base h-8 w-full rounded-md px-2 outline-none focus-visible:shadow-borders-interactive-with-active disabled:opacity-50"
