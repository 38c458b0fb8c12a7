import { Container, Heading, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"
import { PagePagination } from "../common/page-pagination"
import { useSyncRecords } from "../../hooks/collections"
import { toastError } from "../../lib/errors"
import { SyncRecordsTable } from "./sync-records-table"

const k = "callBilling.collections.syncSection"
const PAGE_SIZE = 10

type Props =
  /** the sync rows of one record (an invoice, a credit note, a payment, an account) */
  | { recordId: string; accountId?: never }
  /** every sync row of one account's records */
  | { accountId: string; recordId?: never }

/**
 * Where one record, or every record of one account, stands in Stripe and
 * Xero: each sync row with its external id, attempts and last error, and a
 * Retry on the rows not yet synced.
 */
export const SyncStatusSection = ({ recordId, accountId }: Props) => {
  const { t } = useTranslation()
  const [pageIndex, setPageIndex] = useState(0)
  useEffect(() => setPageIndex(0), [recordId, accountId])
  const { data, isLoading, isError, error } = useSyncRecords({
    record_id: recordId || undefined,
    account_id: accountId || undefined,
    limit: PAGE_SIZE,
    offset: pageIndex * PAGE_SIZE,
  })
  useEffect(() => {
    if (isError) toastError(error)
  }, [isError, error])
  const rows = data?.sync_records ?? []
  const count = data?.count ?? 0

  return (
    <Container className="divide-y p-0" data-testid="sync-status-section">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">{t(`${k}.title`)}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t(recordId ? `${k}.descriptionRecord` : `${k}.descriptionAccount`)}
          </Text>
        </div>
        <Link to="/call-billing/collections" className="text-ui-fg-interactive txt-compact-small">
          {t(`${k}.all`)}
        </Link>
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4">
          {t("billing.loading")}
        </Text>
      ) : rows.length === 0 ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4" data-testid="sync-status-empty">
          {t(`${k}.empty`)}
        </Text>
      ) : (
        <>
          <SyncRecordsTable rows={rows} hideRecord={!!recordId} testId="sync-status-table" />
          {count > PAGE_SIZE && <PagePagination count={count} pageSize={PAGE_SIZE} pageIndex={pageIndex} setPageIndex={setPageIndex} />}
        </>
      )}
    </Container>
  )
}
