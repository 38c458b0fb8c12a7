import { Container, Heading, Text } from "@medusajs/ui"
import { ReactNode, useEffect } from "react"
import { useTranslation } from "react-i18next"
import { Link, useParams } from "react-router-dom"
import { formatDateTime } from "../../../../components/usage/format"
import { JobSummary } from "../../../../components/usage/job-summary"
import { useImportJob } from "../../../../hooks/usage"
import { toastError } from "../../../../lib/errors"

/** One import job: live while it runs, then its counters and links to its exceptions. */
const ImportJobPage = () => {
  const { id = "" } = useParams()
  const { t } = useTranslation()
  const k = "callBilling.imports"
  const { data, isLoading, isError, error } = useImportJob(id)
  useEffect(() => {
    if (isError) toastError(error)
  }, [isError, error])

  if (isLoading) {
    return (
      <Container className="px-6 py-4">
        <Text size="small" className="text-ui-fg-muted">
          {t(`${k}.loadingJob`)}
        </Text>
      </Container>
    )
  }
  const job = data?.import_job
  if (!job) {
    return (
      <Container className="flex flex-col gap-y-2 px-6 py-4">
        <Text>{t(`${k}.notFound`)}</Text>
        <Link to="/call-billing/imports" className="text-ui-fg-interactive txt-compact-small">
          {t(`${k}.backToList`)}
        </Link>
      </Container>
    )
  }

  const setting = (label: string, value: ReactNode, testid: string) => (
    <div className="grid grid-cols-2 items-center px-6 py-3" data-testid={`import-setting-${testid}`}>
      <Text size="small" weight="plus" className="text-ui-fg-subtle">
        {label}
      </Text>
      <Text size="small" className="break-all">
        {value}
      </Text>
    </div>
  )

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="px-6 py-4">
          <Heading level="h1" data-testid="import-job-title">
            {job.filename ?? t(`${k}.untitled`, { id: job.id })}
          </Heading>
          <Text size="small" className="text-ui-fg-subtle font-mono">
            {job.id}
          </Text>
        </div>
        <JobSummary job={job} />
      </Container>
      <Container className="divide-y p-0">
        {setting(t(`${k}.list.source`), <span className="font-mono">{job.source}</span>, "source")}
        {setting(t(`${k}.list.format`), t(`${k}.format.${job.format}`, { defaultValue: job.format }), "format")}
        {setting(t(`${k}.list.channel`), t(`${k}.channel.${job.channel}`, { defaultValue: job.channel }), "channel")}
        {setting(t(`${k}.upload.timezone`), job.timezone ?? "–", "timezone")}
        {setting(t(`${k}.sha256`), <span className="font-mono">{job.sha256 ?? "–"}</span>, "sha256")}
        {setting(t(`${k}.list.created`), formatDateTime(job.created_at), "created")}
      </Container>
      <Link to="/call-billing/imports" className="text-ui-fg-interactive txt-compact-small px-1">
        {t(`${k}.backToList`)}
      </Link>
    </div>
  )
}

export default ImportJobPage
