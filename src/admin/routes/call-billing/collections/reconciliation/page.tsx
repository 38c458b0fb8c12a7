import { Alert, Badge, Container, Heading, Input, Label, StatusBadge, Table, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"
import { isDay, money } from "../../../../components/billing/format"
import { lastMonth, mismatchesFirst, syncStatusColour } from "../../../../components/collections/format"
import { type ReconciliationRow, useReconciliation } from "../../../../hooks/collections"
import { toastError } from "../../../../lib/errors"

const k = "callBilling.collections.reconciliation"

/**
 * Reconciliation: the invoices issued in a date range (last month by
 * default), each one's total, paid and credited amounts here against Xero,
 * and its Stripe state; mismatches first, each with its reasons.
 */
const ReconciliationPage = () => {
  const { t } = useTranslation()
  const [range, setRange] = useState(() => lastMonth())
  // a half-typed or reversed range is not sent
  const valid = isDay(range.from) && isDay(range.to) && range.from <= range.to
  const { data, isLoading, isFetching, isError, error } = useReconciliation(range, valid)
  useEffect(() => {
    if (isError) toastError(error)
  }, [isError, error])
  const rows = mismatchesFirst(data?.rows ?? [])

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex flex-wrap items-end justify-between gap-3 px-6 py-4">
          <div>
            <Link to="/call-billing/collections" className="text-ui-fg-interactive txt-small">
              ← {t("callBilling.collections.title")}
            </Link>
            <Heading level="h1">{t(`${k}.title`)}</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {t(`${k}.description`)}
            </Text>
          </div>
          <div className="flex items-end gap-2" data-testid="reconciliation-range">
            <div className="flex flex-col">
              <Label size="xsmall" htmlFor="reconciliation-from">
                {t(`${k}.from`)}
              </Label>
              <Input id="reconciliation-from" name="from" size="small" type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
            </div>
            <div className="flex flex-col">
              <Label size="xsmall" htmlFor="reconciliation-to">
                {t(`${k}.to`)}
              </Label>
              <Input id="reconciliation-to" name="to" size="small" type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
            </div>
          </div>
        </div>
        {!valid && (
          <Text size="small" className="text-ui-fg-error px-6 py-3" data-testid="reconciliation-invalid-range">
            {t(`${k}.invalidRange`)}
          </Text>
        )}
        {data?.xero_error && (
          <div className="px-6 py-4">
            <Alert variant="error" data-testid="reconciliation-xero-error">
              <Text size="small" weight="plus">
                {t(`${k}.xeroError`)}
              </Text>
              <Text size="small" className="break-words">
                {data.xero_error}
              </Text>
            </Alert>
          </div>
        )}
        {data && (!data.xero_configured || !data.stripe_configured) && (
          <div className="flex flex-col gap-y-1 px-6 py-3" data-testid="reconciliation-not-configured">
            {!data.xero_configured && (
              <Text size="small" className="text-ui-fg-subtle">
                {t(`${k}.xeroNotConfigured`)}
              </Text>
            )}
            {!data.stripe_configured && (
              <Text size="small" className="text-ui-fg-subtle">
                {t(`${k}.stripeNotConfigured`)}
              </Text>
            )}
          </div>
        )}
        {data && (
          <div className="flex flex-wrap items-center gap-2 px-6 py-4" data-testid="reconciliation-summary">
            <Badge size="small" color="grey" data-testid="reconciliation-invoices" data-count={data.summary.invoices}>
              {t(`${k}.summary.invoices`, { count: data.summary.invoices })}
            </Badge>
            <Badge size="small" color={data.summary.mismatches ? "red" : "green"} data-testid="reconciliation-mismatches" data-count={data.summary.mismatches}>
              {t(`${k}.summary.mismatches`, { count: data.summary.mismatches })}
            </Badge>
            <Text size="small" className="text-ui-fg-subtle">
              {t(`${k}.summary.range`, { from: data.from, to: data.to })}
            </Text>
            {isFetching && (
              <Text size="small" className="text-ui-fg-muted">
                {t("billing.loading")}
              </Text>
            )}
          </div>
        )}
      </Container>

      <Container className="p-0">
        {valid && isLoading ? (
          <Text size="small" className="text-ui-fg-muted px-6 py-8">
            {t("billing.loading")}
          </Text>
        ) : rows.length === 0 ? (
          <div className="flex flex-col items-center gap-y-2 px-6 py-12" data-testid="reconciliation-empty">
            <Text weight="plus">{t(`${k}.empty.title`)}</Text>
            <Text size="small" className="text-ui-fg-subtle">
              {t(`${k}.empty.description`)}
            </Text>
          </div>
        ) : (
          <div className="overflow-x-auto">
            <Table data-testid="reconciliation-table">
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>{t(`${k}.columns.number`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.status`)}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t(`${k}.columns.total`)}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t(`${k}.columns.paid`)}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t(`${k}.columns.credited`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.xero`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.stripe`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.reasons`)}</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {rows.map((r) => (
                  <ReconciliationTableRow key={r.invoice_id} row={r} xeroConfigured={!!data?.xero_configured} />
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </Container>
    </div>
  )
}

/** An amount here, and under it Xero's when Xero is in use (red when they differ as the server says). */
const Amounts = ({ here, xero, currency, xeroConfigured, differs }: { here: string; xero: string | null; currency: string; xeroConfigured: boolean; differs: boolean }) => {
  const { t } = useTranslation()
  return (
    <div className="flex flex-col items-end">
      <span className="tabular-nums">{money(here, currency)}</span>
      {xeroConfigured && (
        <span className={`txt-compact-xsmall tabular-nums ${differs ? "text-ui-fg-error" : "text-ui-fg-subtle"}`}>
          {t(`${k}.inXero`, { amount: xero ?? "–" })}
        </span>
      )}
    </div>
  )
}

const ReconciliationTableRow = ({ row: r, xeroConfigured }: { row: ReconciliationRow; xeroConfigured: boolean }) => {
  const { t } = useTranslation()
  // which amounts the server found different (its reasons start with the field's name)
  const differs = (field: "total" | "paid" | "credited") => r.reasons.some((x) => x.startsWith(`${field}:`))
  return (
    <Table.Row data-testid={`reconciliation-row-${r.invoice_id}`} data-mismatch={r.mismatch} className={r.mismatch ? "bg-ui-bg-subtle" : undefined}>
      <Table.Cell className="font-mono">
        <Link to={`/call-billing/invoices/${r.invoice_id}`} className="text-ui-fg-interactive">
          {r.number}
        </Link>
      </Table.Cell>
      <Table.Cell>{t(`billing.invoices.status.${r.status}`, { defaultValue: r.status })}</Table.Cell>
      <Table.Cell className="text-right">
        <Amounts here={r.total} xero={r.xero.total} currency={r.currency_code} xeroConfigured={xeroConfigured} differs={differs("total")} />
      </Table.Cell>
      <Table.Cell className="text-right">
        <Amounts here={r.paid} xero={r.xero.paid} currency={r.currency_code} xeroConfigured={xeroConfigured} differs={differs("paid")} />
      </Table.Cell>
      <Table.Cell className="text-right">
        <Amounts here={r.credited} xero={r.xero.credited} currency={r.currency_code} xeroConfigured={xeroConfigured} differs={differs("credited")} />
      </Table.Cell>
      <Table.Cell>
        <ProviderState sync={r.xero.sync} status={r.xero.status} externalId={r.xero.invoice_id} />
      </Table.Cell>
      <Table.Cell>
        <ProviderState sync={r.stripe.sync} status={r.stripe.status} externalId={r.stripe.invoice_id} />
      </Table.Cell>
      <Table.Cell className="max-w-[360px] whitespace-normal py-2">
        {r.mismatch ? (
          <ul className="flex flex-col gap-y-0.5" data-testid={`reconciliation-reasons-${r.invoice_id}`}>
            {r.reasons.map((reason, i) => (
              <li key={i} className="txt-small text-ui-fg-error break-words">
                {reason}
              </li>
            ))}
          </ul>
        ) : (
          <StatusBadge color="green">{t(`${k}.matches`)}</StatusBadge>
        )}
      </Table.Cell>
    </Table.Row>
  )
}

/** A provider's side of an invoice: its status there, and the sync row's state and external id. */
const ProviderState = ({ sync, status, externalId }: { sync: string | null; status: string | null; externalId: string | null }) => {
  const { t } = useTranslation()
  if (!sync && !status && !externalId) return <Text size="small" className="text-ui-fg-muted">–</Text>
  return (
    <div className="flex flex-col gap-y-0.5">
      <div className="flex flex-wrap items-center gap-1">
        {status && <span className="txt-small">{status}</span>}
        {sync && (
          <StatusBadge color={syncStatusColour(sync)}>{t(`callBilling.collections.syncStatus.${sync}`, { defaultValue: sync })}</StatusBadge>
        )}
      </div>
      {externalId && <span className="txt-compact-xsmall text-ui-fg-subtle font-mono break-all">{externalId}</span>}
    </div>
  )
}

export default ReconciliationPage
