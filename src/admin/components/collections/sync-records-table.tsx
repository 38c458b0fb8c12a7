import { ArrowPath } from "@medusajs/icons"
import { Badge, Button, Table, Text, toast } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"
import { useRetrySyncRecord } from "../../hooks/collections"
import { toastError } from "../../lib/errors"
import { formatDateTime } from "../billing/format"
import { canRetrySync, recordPath } from "./format"
import type { SyncRecord } from "./types"
import { SyncStatusBadge } from "./ui"

const k = "callBilling.collections.sync"

/**
 * Retries one sync row and says how it ended: synced (with the provider's
 * id), or still failing with the provider's error.
 */
export function useRetrySyncRow() {
  const { t } = useTranslation()
  const retry = useRetrySyncRecord()
  const run = async (row: SyncRecord) => {
    try {
      const { sync_record } = await retry.mutateAsync(row.id)
      const provider = t(`callBilling.collections.providers.${row.provider}`)
      if (sync_record?.status === "synced") toast.success(t(`${k}.retried.synced`, { provider, external: sync_record.external_id ?? "" }))
      else if (sync_record?.status === "failed") toast.error(t(`${k}.retried.failed`, { provider, error: sync_record.last_error ?? "" }))
      else toast.info(t(`${k}.retried.pending`, { provider }))
    } catch (e) {
      toastError(e)
    }
  }
  return { run, pendingId: retry.isPending ? retry.variables : undefined }
}

type Props = {
  rows: SyncRecord[]
  /** leave out the record columns (a section about one record) */
  hideRecord?: boolean
  testId?: string
}

/** Sync rows: where each record stands in Stripe or Xero, with a Retry on rows not yet synced. */
export const SyncRecordsTable = ({ rows, hideRecord, testId = "sync-records-table" }: Props) => {
  const { t } = useTranslation()
  const { run, pendingId } = useRetrySyncRow()
  return (
    <div className="overflow-x-auto">
      <Table data-testid={testId}>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>{t(`${k}.columns.recordType`)}</Table.HeaderCell>
            {!hideRecord && <Table.HeaderCell>{t(`${k}.columns.recordId`)}</Table.HeaderCell>}
            <Table.HeaderCell>{t(`${k}.columns.provider`)}</Table.HeaderCell>
            <Table.HeaderCell>{t(`${k}.columns.status`)}</Table.HeaderCell>
            <Table.HeaderCell>{t(`${k}.columns.externalId`)}</Table.HeaderCell>
            <Table.HeaderCell className="text-right">{t(`${k}.columns.attempts`)}</Table.HeaderCell>
            <Table.HeaderCell>{t(`${k}.columns.lastError`)}</Table.HeaderCell>
            <Table.HeaderCell>{t(`${k}.columns.lastAttempt`)}</Table.HeaderCell>
            <Table.HeaderCell>{t(`${k}.columns.nextAttempt`)}</Table.HeaderCell>
            <Table.HeaderCell className="w-[1%]" />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map((r) => {
            const path = recordPath(r)
            return (
              <Table.Row key={r.id} data-testid={`sync-row-${r.id}`} data-status={r.status} data-provider={r.provider}>
                <Table.Cell>
                  <Badge size="2xsmall" color="grey">
                    {t(`${k}.recordTypes.${r.record_type}`, { defaultValue: r.record_type })}
                  </Badge>
                </Table.Cell>
                {!hideRecord && (
                  <Table.Cell className="font-mono">
                    {path ? (
                      <Link to={path} className="text-ui-fg-interactive">
                        {r.record_id}
                      </Link>
                    ) : (
                      r.record_id
                    )}
                  </Table.Cell>
                )}
                <Table.Cell>{t(`callBilling.collections.providers.${r.provider}`, { defaultValue: r.provider })}</Table.Cell>
                <Table.Cell>
                  <SyncStatusBadge status={r.status} />
                </Table.Cell>
                <Table.Cell className="font-mono">
                  {typeof r.data?.hosted_invoice_url === "string" ? (
                    // Stripe's hosted invoice page: what the customer sees and pays on
                    <a href={r.data.hosted_invoice_url} target="_blank" rel="noreferrer" className="text-ui-fg-interactive" data-testid={`sync-hosted-${r.id}`}>
                      {r.external_id}
                    </a>
                  ) : (
                    r.external_id ?? "–"
                  )}
                </Table.Cell>
                <Table.Cell className="text-right tabular-nums">{r.attempts}</Table.Cell>
                <Table.Cell className="max-w-[280px] whitespace-normal py-2">
                  {r.last_error ? (
                    <Text size="xsmall" className="text-ui-fg-error break-words" title={r.last_error}>
                      {r.last_error}
                    </Text>
                  ) : (
                    "–"
                  )}
                </Table.Cell>
                <Table.Cell className="whitespace-nowrap">{formatDateTime(r.last_attempt_at)}</Table.Cell>
                <Table.Cell className="whitespace-nowrap">{r.status === "synced" ? "–" : formatDateTime(r.next_attempt_at)}</Table.Cell>
                <Table.Cell>
                  {canRetrySync(r) && (
                    <Button size="small" variant="secondary" onClick={() => run(r)} isLoading={pendingId === r.id} data-testid={`sync-retry-${r.id}`}>
                      <ArrowPath />
                      {t(`${k}.retry`)}
                    </Button>
                  )}
                </Table.Cell>
              </Table.Row>
            )
          })}
        </Table.Body>
      </Table>
    </div>
  )
}
