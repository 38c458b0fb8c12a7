import { Button, Input, Text } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { useTranslation } from "react-i18next"
import type { UsageException } from "../../hooks/usage"
import { formatDateTime } from "./format"

/** Generic-format columns a fix may set (the account is set by "assign account"). */
const CALL_COLUMNS = [
  "call_id", "direction", "caller", "callee", "answer_time", "start_time", "end_time",
  "duration", "billsec", "disposition", "campaign", "agent", "queue", "trunk", "carrier",
]
const EVENT_COLUMNS = ["event_id", "metric", "quantity", "timestamp"]
/** Switch column names in details, as the generic column a fix sets. */
const GENERIC_NAME: Record<string, string> = {
  uniqueid: "call_id", uuid: "call_id", src: "caller", dst: "callee", destination_number: "callee",
  start: "start_time", answer: "answer_time", end: "end_time",
  start_stamp: "start_time", answer_stamp: "answer_time", end_stamp: "end_time",
}

const text = (v: unknown) => (v === null || v === undefined ? "" : typeof v === "string" ? v : String(v))

/**
 * The record's values as a fix edits them: the generic columns (or a meter
 * event's) and its `x_*` extras, from the normalised record.
 *
 * @example
 * editableFields({ kind: "call", record: { callee: "12ab34", x: { crm_ticket: "T-1" } } }).callee // "12ab34"
 */
export function editableFields(e: Pick<UsageException, "kind" | "record">): Record<string, string> {
  const r = (e.record ?? {}) as Record<string, unknown>
  const out: Record<string, string> = {}
  for (const c of e.kind === "event" ? EVENT_COLUMNS : CALL_COLUMNS) out[c] = text(r[c])
  for (const [k, v] of Object.entries((r.x ?? {}) as Record<string, unknown>)) out[`x_${k}`] = text(v)
  return out
}

/** The original values as they came in (a line's fields, or a pushed record's properties). */
export function originalValues(e: Pick<UsageException, "record">): string | null {
  const f = (e.record as Record<string, unknown> | null)?.fields
  if (Array.isArray(f)) return f.map((v) => (/[",\n]/.test(text(v)) ? `"${text(v).replace(/"/g, '""')}"` : text(v))).join(",")
  if (f && typeof f === "object") return Object.entries(f as Record<string, unknown>).map(([k, v]) => `${k}=${text(v)}`).join(", ")
  return null
}

/** The column the details name ("billsec: not a whole number" → billsec), or null. */
export function failedColumn(details: string | null): string | null {
  const m = details ? /^([A-Za-z_]+): /.exec(details) : null
  return m ? GENERIC_NAME[m[1]] ?? m[1] : null
}

type Props = {
  exception: UsageException
  busy: boolean
  /** reprocess this one with the changed fields */
  onFix: (fields: Record<string, string>) => void
}

/** One exception in full: why, where it came from, its original line, and its values, editable for a fix-and-reprocess. */
export const ExceptionDetails = ({ exception: e, busy, onFix }: Props) => {
  const { t } = useTranslation()
  const k = "callBilling.exceptions.details"
  const initial = useMemo(() => editableFields(e), [e])
  const [fields, setFields] = useState<Record<string, string>>(initial)
  const changed = Object.fromEntries(Object.entries(fields).filter(([key, v]) => v !== initial[key]))
  const editable = e.status === "open"
  const original = originalValues(e)
  const failed = failedColumn(e.details)
  const idColumn = e.kind === "event" ? "event_id" : "call_id"

  return (
    <div className="flex flex-col gap-y-3 py-3" data-testid={`exception-details-${e.record_key}`}>
      <Text size="small" data-testid={`exception-details-reason-${e.record_key}`}>
        <span className="font-medium">{t(`callBilling.exceptions.reason.${e.reason}`, { defaultValue: e.reason })}</span>
        {e.details ? `: ${e.details}` : ""}
      </Text>
      <Text size="xsmall" className="text-ui-fg-subtle">
        {[
          t(`${k}.key`, { key: e.record_key }),
          e.line ? t(`${k}.line`, { line: e.line }) : null,
          e.format ? t(`${k}.format`, { format: e.format }) : null,
          t(`${k}.attempts`, { count: e.attempts }),
          e.resolved_at ? t(`${k}.closed`, { at: formatDateTime(e.resolved_at), by: e.resolved_by ?? "–" }) : null,
          e.note ? t(`${k}.note`, { note: e.note }) : null,
        ]
          .filter(Boolean)
          .join(" · ")}
      </Text>
      <div className="flex flex-col gap-y-1">
        <Text size="xsmall" weight="plus" className="text-ui-fg-subtle">
          {t(`${k}.original`)}
        </Text>
        <Text size="xsmall" className="font-mono break-all" data-testid={`exception-original-${e.record_key}`}>
          {original ?? t(`${k}.noFields`)}
        </Text>
      </div>
      <div className="grid max-w-[960px] grid-cols-1 gap-x-4 gap-y-1 md:grid-cols-2">
        {Object.keys(initial).map((key) => {
          const locked = !editable || (key === idColumn && !!initial[key])
          return (
            <label key={key} className="grid grid-cols-[140px_1fr] items-center gap-x-2">
              <Text size="xsmall" className={`font-mono ${key === failed ? "text-ui-fg-error" : "text-ui-fg-subtle"}`}>
                {key}
              </Text>
              {locked ? (
                <Text size="xsmall" className="font-mono break-all">
                  {initial[key] || "–"}
                </Text>
              ) : (
                <Input
                  size="small"
                  name={`fields.${key}`}
                  aria-invalid={key === failed}
                  value={fields[key] ?? ""}
                  onChange={(ev) => setFields((f) => ({ ...f, [key]: ev.target.value }))}
                />
              )}
            </label>
          )
        })}
      </div>
      {editable && (
        <div className="flex items-center gap-x-2">
          <Button
            size="small"
            variant="secondary"
            type="button"
            disabled={Object.keys(changed).length === 0}
            isLoading={busy}
            onClick={() => onFix(changed)}
            data-testid={`exception-fix-${e.record_key}`}
          >
            {t(`${k}.fix`, { count: Object.keys(changed).length })}
          </Button>
          <Text size="xsmall" className="text-ui-fg-muted">
            {t(`${k}.fixHint`)}
          </Text>
        </div>
      )}
    </div>
  )
}
