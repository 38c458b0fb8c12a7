import { Button, Heading, Input, Table, Text, toast } from "@medusajs/ui"
import { useRef, useState } from "react"
import { useTranslation } from "react-i18next"
import { DeckRejectedError, useUploadDeck } from "../../hooks/rate-cards"
import { toastError } from "../../lib/errors"
import type { DeckError, RateCardVersion } from "../../lib/types"
import { UploadProgress } from "../common/upload-progress"

type Props = { cardId: string; onUploaded?: (version: RateCardVersion) => void }

/** Uploads a CSV deck as a new draft; a rejected deck lists every bad line. */
export const DeckUpload = ({ cardId, onUploaded }: Props) => {
  const { t } = useTranslation()
  const upload = useUploadDeck(cardId)
  const inputRef = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<File | null>(null)
  const [progress, setProgress] = useState<number | null>(null)
  const [errors, setErrors] = useState<DeckError[] | null>(null)
  const k = "callBilling.rateCards.upload"

  const onSubmit = async () => {
    if (!file) {
      toast.error(t(`${k}.noFile`))
      return
    }
    setErrors(null)
    setProgress(null)
    try {
      const csv = await file.text()
      const version = await upload.mutateAsync({ csv, filename: file.name, onProgress: setProgress })
      toast.success(t(`${k}.done`, { number: version?.number ?? "", rows: version?.row_count ?? 0 }))
      setFile(null)
      if (inputRef.current) inputRef.current.value = ""
      if (version) onUploaded?.(version)
    } catch (e) {
      if (e instanceof DeckRejectedError) setErrors(e.errors)
      toastError(e)
    }
  }

  const pct = progress === null ? null : Math.round(progress * 100)
  return (
    <div className="flex flex-col gap-y-3 px-6 py-4">
      <div>
        <Heading level="h2">{t(`${k}.title`)}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t(`${k}.description`)}
        </Text>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Input
          ref={inputRef}
          type="file"
          accept=".csv,text/csv"
          className="max-w-[360px]"
          data-testid="deck-upload-input"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null)
            setErrors(null)
          }}
        />
        <Button size="small" variant="secondary" onClick={onSubmit} isLoading={upload.isPending} disabled={!file || upload.isPending} data-testid="deck-upload-submit">
          {t(`${k}.submit`)}
        </Button>
      </div>
      {upload.isPending && (
        <UploadProgress
          pct={pct}
          label={t(`${k}.uploading`)}
          progressText={(pct) => t(`${k}.progress`, { pct })}
          processingText={t(`${k}.processing`)}
          testId="deck-upload-progress"
        />
      )}
      {errors && errors.length > 0 && (
        <div className="flex flex-col gap-y-2">
          <Text size="small" weight="plus" className="text-ui-fg-error">
            {t(`${k}.rejected`, { count: errors.length })}
          </Text>
          <div className="max-h-[320px] overflow-auto rounded-md border">
            <Table data-testid="deck-errors-table">
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>{t(`${k}.errorLine`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.errorColumn`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.errorReason`)}</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {errors.map((e, i) => (
                  <Table.Row key={`${e.line}-${e.column}-${i}`} data-testid={`deck-error-${e.line}`}>
                    <Table.Cell>{e.line}</Table.Cell>
                    <Table.Cell className="font-mono">{e.column ?? "–"}</Table.Cell>
                    <Table.Cell>{e.reason}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        </div>
      )}
    </div>
  )
}
