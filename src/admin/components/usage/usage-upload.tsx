import { Button, Heading, Input, Label, Text, toast } from "@medusajs/ui"
import { FormEvent, useRef, useState } from "react"
import { useTranslation } from "react-i18next"
import { useBillingAccounts } from "../../hooks/billing-accounts"
import { type ImportFormat, type ImportJob, useUploadUsage } from "../../hooks/usage"
import { toastError } from "../../lib/errors"
import { browserTimeZone, IMPORT_FORMATS, isTimeZone, LOCAL_TIME_FORMATS, selectClass } from "./format"
import { UploadProgress } from "../common/upload-progress"

type Props = { onUploaded: (job: ImportJob) => void }

/**
 * Sends a usage file (calls or meter events) as it is: the server streams it
 * into a job, whose progress the page then follows.
 */
export const UsageUpload = ({ onUploaded }: Props) => {
  const { t } = useTranslation()
  const k = "callBilling.imports.upload"
  const upload = useUploadUsage()
  const inputRef = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<File | null>(null)
  const [format, setFormat] = useState<ImportFormat>("generic")
  const [source, setSource] = useState("")
  const [timezone, setTimezone] = useState(browserTimeZone())
  const [defaultAccount, setDefaultAccount] = useState("")
  const accounts = useBillingAccounts({ limit: 1000 })
  const [progress, setProgress] = useState<number | null>(null)
  const [problems, setProblems] = useState<Record<string, string>>({})
  const needsZone = LOCAL_TIME_FORMATS.has(format)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const p: Record<string, string> = {}
    if (!file) p.file = t(`${k}.errors.file`)
    if (!source.trim()) p.source = t(`${k}.errors.source`)
    else if (/[\s,]/.test(source.trim())) p.source = t(`${k}.errors.sourceWord`)
    if (needsZone && !isTimeZone(timezone)) p.timezone = t(`${k}.errors.timezone`, { zone: timezone })
    setProblems(p)
    if (Object.keys(p).length || !file) {
      toast.error(Object.values(p)[0])
      return
    }
    setProgress(0)
    try {
      const job = await upload.mutateAsync({
        file,
        format,
        source: source.trim(),
        timezone: needsZone ? timezone.trim() : undefined,
        default_account: defaultAccount || undefined,
        onProgress: setProgress,
      })
      toast.success(t(`${k}.accepted`, { filename: file.name }))
      setFile(null)
      if (inputRef.current) inputRef.current.value = ""
      onUploaded(job)
    } catch (err) {
      toastError(err)
    } finally {
      setProgress(null)
    }
  }

  const pct = progress === null ? null : Math.round(progress * 100)
  const error = (field: string) =>
    problems[field] ? (
      <Text size="xsmall" className="text-ui-fg-error" data-testid={`usage-upload-error-${field}`}>
        {problems[field]}
      </Text>
    ) : null

  return (
    <form className="flex flex-col gap-y-4 px-6 py-4" onSubmit={submit} data-testid="usage-upload-form" noValidate>
      <div>
        <Heading level="h2">{t(`${k}.title`)}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t(`${k}.description`)}
        </Text>
      </div>
      <div className="grid max-w-[960px] grid-cols-1 gap-4 md:grid-cols-2">
        <div className="flex flex-col gap-y-1">
          <Label size="small" htmlFor="usage-upload-file">
            {t(`${k}.file`)}
          </Label>
          <Input
            id="usage-upload-file"
            ref={inputRef}
            type="file"
            name="file"
            accept=".csv,text/csv,text/plain"
            data-testid="usage-upload-input"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          {error("file")}
        </div>
        <div className="flex flex-col gap-y-1">
          <Label size="small" htmlFor="usage-upload-format">
            {t(`${k}.format`)}
          </Label>
          <select
            id="usage-upload-format"
            name="format"
            className={selectClass}
            value={format}
            onChange={(e) => setFormat(e.target.value as ImportFormat)}
            data-testid="usage-upload-format"
          >
            {IMPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`callBilling.imports.format.${f}`)}
              </option>
            ))}
          </select>
          <Text size="xsmall" className="text-ui-fg-subtle">
            {t(`${k}.formatHint.${format}`)}
          </Text>
        </div>
        <div className="flex flex-col gap-y-1">
          <Label size="small" htmlFor="usage-upload-source">
            {t(`${k}.source`)}
          </Label>
          <Input
            id="usage-upload-source"
            name="source"
            size="small"
            placeholder={t(`${k}.sourcePlaceholder`)}
            value={source}
            onChange={(e) => setSource(e.target.value)}
          />
          <Text size="xsmall" className="text-ui-fg-subtle">
            {t(`${k}.sourceHint`)}
          </Text>
          {error("source")}
        </div>
        {needsZone && (
          <div className="flex flex-col gap-y-1">
            <Label size="small" htmlFor="usage-upload-timezone">
              {t(`${k}.timezone`)}
            </Label>
            <Input
              id="usage-upload-timezone"
              name="timezone"
              size="small"
              placeholder="Europe/London"
              value={timezone}
              onChange={(e) => setTimezone(e.target.value)}
            />
            <Text size="xsmall" className="text-ui-fg-subtle">
              {t(`${k}.timezoneHint`)}
            </Text>
            {error("timezone")}
          </div>
        )}
        {format !== "events" && (
          <div className="flex flex-col gap-y-1">
            <Label size="small" htmlFor="usage-upload-default-account">
              {t(`${k}.defaultAccount`)}
            </Label>
            <select
              id="usage-upload-default-account"
              name="default_account"
              className={selectClass}
              value={defaultAccount}
              onChange={(e) => setDefaultAccount(e.target.value)}
            >
              <option value="">{t(`${k}.noDefaultAccount`)}</option>
              {(accounts.data?.billing_accounts ?? []).map((a) => (
                <option key={a.id} value={a.code}>
                  {a.code} – {a.name}
                </option>
              ))}
            </select>
            <Text size="xsmall" className="text-ui-fg-subtle">
              {t(`${k}.defaultAccountHint`)}
            </Text>
          </div>
        )}
      </div>
      <div className="flex items-center gap-x-2">
        <Button size="small" variant="secondary" type="submit" isLoading={upload.isPending} disabled={upload.isPending} data-testid="usage-upload-submit">
          {t(`${k}.submit`)}
        </Button>
      </div>
      {upload.isPending && (
        <UploadProgress
          pct={pct}
          label={t(`${k}.uploading`)}
          progressText={(pct) => t(`${k}.progress`, { pct })}
          processingText={t(`${k}.processing`)}
          testId="usage-upload-progress"
        />
      )}
    </form>
  )
}
