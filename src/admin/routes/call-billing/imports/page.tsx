import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Table, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { Link, useNavigate } from "react-router-dom"
import { bytes, formatDateTime, IMPORT_STATUSES, selectClass } from "../../../components/usage/format"
import { ImportStatusBadge, JobSummary } from "../../../components/usage/job-summary"
import { UsageUpload } from "../../../components/usage/usage-upload"
import { type ImportStatus, useImportJob, useImportJobs } from "../../../hooks/usage"
import { toastError } from "../../../lib/errors"
import { PagePagination } from "../../../components/common/page-pagination"

const PAGE_SIZE = 20
const CHANNELS = ["upload", "rest", "sftp", "s3", "stream"] as const

/** Usage imports: upload a file, follow its job, and every job so far with its counters. */
const ImportsPage = () => {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const k = "callBilling.imports"
  const [pageIndex, setPageIndex] = useState(0)
  const [status, setStatus] = useState<"" | ImportStatus>("")
  const [channel, setChannel] = useState("")
  const [current, setCurrent] = useState<string | null>(null)

  useEffect(() => setPageIndex(0), [status, channel])

  const { data, isLoading, isError, error } = useImportJobs({
    status: status || undefined,
    channel: channel || undefined,
    limit: PAGE_SIZE,
    offset: pageIndex * PAGE_SIZE,
  })
  useEffect(() => {
    if (isError) toastError(error)
  }, [isError, error])

  const currentJob = useImportJob(current)
  useEffect(() => {
    if (currentJob.isError) toastError(currentJob.error)
  }, [currentJob.isError, currentJob.error])

  const jobs = data?.import_jobs ?? []
  const count = data?.count ?? 0

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="px-6 py-4">
          <Heading level="h1">{t(`${k}.title`)}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t(`${k}.description`)}
          </Text>
        </div>
        <UsageUpload onUploaded={(job) => setCurrent(job.id)} />
        {current && (
          <div data-testid="usage-upload-job">
            {currentJob.data ? (
              <>
                <JobSummary job={currentJob.data.import_job} />
                <div className="px-6 pb-4">
                  <Link to={`/call-billing/imports/${current}`} className="text-ui-fg-interactive txt-compact-small" data-testid="usage-upload-job-link">
                    {t(`${k}.openJob`)}
                  </Link>
                </div>
              </>
            ) : (
              <Text size="small" className="text-ui-fg-muted px-6 py-4">
                {t(`${k}.loadingJob`)}
              </Text>
            )}
          </div>
        )}
      </Container>

      <Container className="divide-y p-0">
        <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
          <Heading level="h2">{t(`${k}.list.title`)}</Heading>
          <div className="flex gap-2">
            <select
              aria-label={t(`${k}.list.status`)}
              name="status"
              className={`${selectClass} w-[160px]`}
              value={status}
              onChange={(e) => setStatus(e.target.value as typeof status)}
              data-testid="imports-status-filter"
            >
              <option value="">{t(`${k}.list.allStatuses`)}</option>
              {IMPORT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`${k}.status.${s}`)}
                </option>
              ))}
            </select>
            <select
              aria-label={t(`${k}.list.channel`)}
              name="channel"
              className={`${selectClass} w-[160px]`}
              value={channel}
              onChange={(e) => setChannel(e.target.value)}
              data-testid="imports-channel-filter"
            >
              <option value="">{t(`${k}.list.allChannels`)}</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`${k}.channel.${c}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {isLoading ? (
          <Text size="small" className="text-ui-fg-muted px-6 py-8" data-testid="imports-loading">
            {t(`${k}.list.loading`)}
          </Text>
        ) : isError ? (
          <Text size="small" className="text-ui-fg-error px-6 py-8" data-testid="imports-error">
            {error instanceof Error ? error.message : ""}
          </Text>
        ) : jobs.length === 0 ? (
          <div className="flex flex-col items-center gap-y-2 px-6 py-12" data-testid="imports-empty">
            <Text weight="plus">{t(`${k}.list.empty.title`)}</Text>
            <Text size="small" className="text-ui-fg-subtle">
              {status || channel ? t(`${k}.list.empty.filtered`) : t(`${k}.list.empty.description`)}
            </Text>
          </div>
        ) : (
          <div className="overflow-x-auto">
            <Table data-testid="imports-table">
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>{t(`${k}.list.created`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.list.file`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.list.source`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.list.format`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.list.channel`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.list.status`)}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t(`${k}.job.received`)}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t(`${k}.job.inserted`)}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t(`${k}.job.duplicates`)}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t(`${k}.job.exceptions`)}</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {jobs.map((job) => (
                  <Table.Row
                    key={job.id}
                    className="cursor-pointer"
                    data-testid={`import-row-${job.id}`}
                    data-filename={job.filename ?? ""}
                    onClick={() => navigate(`/call-billing/imports/${job.id}`)}
                  >
                    <Table.Cell>
                      <Link to={`/call-billing/imports/${job.id}`} onClick={(e) => e.stopPropagation()} className="text-ui-fg-interactive">
                        {formatDateTime(job.created_at)}
                      </Link>
                    </Table.Cell>
                    <Table.Cell>
                      {job.filename ?? "–"}
                      {job.size_bytes !== null && job.size_bytes !== undefined && (
                        <span className="text-ui-fg-muted"> ({bytes(job.size_bytes)})</span>
                      )}
                    </Table.Cell>
                    <Table.Cell className="font-mono">{job.source}</Table.Cell>
                    <Table.Cell>{t(`${k}.format.${job.format}`, { defaultValue: job.format })}</Table.Cell>
                    <Table.Cell>{t(`${k}.channel.${job.channel}`, { defaultValue: job.channel })}</Table.Cell>
                    <Table.Cell>
                      <ImportStatusBadge job={job} />
                    </Table.Cell>
                    <Table.Cell className="text-right tabular-nums">{job.received}</Table.Cell>
                    <Table.Cell className="text-right tabular-nums">{job.inserted}</Table.Cell>
                    <Table.Cell className="text-right tabular-nums">{job.duplicates}</Table.Cell>
                    <Table.Cell className="text-right tabular-nums">{job.exceptions}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
            <PagePagination count={count} pageSize={PAGE_SIZE} pageIndex={pageIndex} setPageIndex={setPageIndex} />
          </div>
        )}
      </Container>
    </div>
  )
}

export const config = defineRouteConfig({ label: "Usage imports" })

export default ImportsPage
