import { Badge, StatusBadge, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"
import type { ImportJob } from "../../hooks/usage"
import { bytes, formatDateTime, importStatusColour, isLive, reasonColour, reasonCounts } from "./format"

/** The exception queue filtered on a job's open exceptions (and a reason). */
export const exceptionsLink = (job: Pick<ImportJob, "id">, reason?: string) =>
  `/call-billing/exceptions?import_job_id=${encodeURIComponent(job.id)}${reason ? `&reason=${encodeURIComponent(reason)}` : ""}`

export const ImportStatusBadge = ({ job }: { job: Pick<ImportJob, "status" | "id"> }) => {
  const { t } = useTranslation()
  return (
    <StatusBadge color={importStatusColour(job.status)} data-testid={`import-status-${job.id}`} data-status={job.status}>
      {t(`callBilling.imports.status.${job.status}`)}
    </StatusBadge>
  )
}

/**
 * A job while it runs (an indeterminate bar and the records received so far:
 * a stream's total is not known in advance) and once it has finished (the
 * counters, which reconcile, and links to its exceptions by reason).
 */
export const JobSummary = ({ job }: { job: ImportJob }) => {
  const { t } = useTranslation()
  const k = "callBilling.imports.job"
  const live = isLive(job)
  const reasons = reasonCounts(job.exception_reasons)
  const counter = (key: "received" | "inserted" | "duplicates" | "exceptions") => (
    <div className="flex flex-col" data-testid={`import-counter-${key}`}>
      <Text size="xsmall" className="text-ui-fg-subtle">
        {t(`${k}.${key}`)}
      </Text>
      <Text size="large" weight="plus" className="tabular-nums" data-value={job[key]}>
        {Number(job[key] ?? 0).toLocaleString()}
      </Text>
    </div>
  )
  const reconciled = Number(job.received) === Number(job.inserted) + Number(job.duplicates) + Number(job.exceptions)

  return (
    <div className="flex flex-col gap-y-4 px-6 py-4" data-testid="import-job-summary" data-status={job.status}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <ImportStatusBadge job={job} />
        <Text size="small" className="text-ui-fg-subtle">
          {[job.filename, t(`callBilling.imports.format.${job.format}`, { defaultValue: job.format }), job.source, bytes(job.size_bytes)]
            .filter(Boolean)
            .join(" · ")}
        </Text>
      </div>

      {live && (
        <div
          className="flex flex-col gap-y-1"
          role="progressbar"
          aria-label={t(`${k}.running`)}
          aria-valuemin={0}
          aria-valuetext={t(`${k}.receivedSoFar`, { count: job.received })}
          data-testid="import-job-progress"
        >
          <div className="bg-ui-bg-subtle h-1.5 w-full max-w-[480px] overflow-hidden rounded-full">
            <div className="bg-ui-fg-interactive h-full w-1/3 animate-pulse rounded-full" />
          </div>
          <Text size="xsmall" className="text-ui-fg-subtle">
            {job.status === "queued" ? t(`${k}.queued`) : t(`${k}.receivedSoFar`, { count: job.received })}
          </Text>
        </div>
      )}

      <div className="grid max-w-[640px] grid-cols-4 gap-4">
        {counter("received")}
        {counter("inserted")}
        {counter("duplicates")}
        {counter("exceptions")}
      </div>

      {job.status === "completed" && (
        <Text size="small" className={reconciled ? "text-ui-fg-subtle" : "text-ui-fg-error"} data-testid="import-job-reconcile">
          {reconciled
            ? t(`${k}.reconciled`, { received: job.received, inserted: job.inserted, duplicates: job.duplicates, exceptions: job.exceptions })
            : t(`${k}.notReconciled`)}
        </Text>
      )}

      {job.status === "failed" && (
        <Text size="small" className="text-ui-fg-error" data-testid="import-job-error">
          {t(`${k}.failed`, { error: job.error ?? "" })}
        </Text>
      )}

      {!live && Number(job.exceptions) > 0 && (
        <div className="flex flex-col gap-y-2" data-testid="import-job-exceptions">
          <Link to={exceptionsLink(job)} className="text-ui-fg-interactive txt-compact-small-plus" data-testid="import-job-exceptions-link">
            {t(`${k}.openExceptions`, { count: Number(job.exceptions) })}
          </Link>
          <div className="flex flex-wrap gap-2">
            {reasons.map(([reason, n]) => (
              <Link key={reason} to={exceptionsLink(job, reason)} data-testid={`import-job-reason-${reason}`}>
                <Badge size="2xsmall" color={reasonColour(reason)}>
                  {t(`callBilling.exceptions.reason.${reason}`, { defaultValue: reason })}: {n}
                </Badge>
              </Link>
            ))}
          </div>
        </div>
      )}

      <Text size="xsmall" className="text-ui-fg-muted">
        {t(`${k}.timing`, { created: formatDateTime(job.created_at), started: formatDateTime(job.started_at), finished: formatDateTime(job.finished_at) })}
      </Text>
    </div>
  )
}
