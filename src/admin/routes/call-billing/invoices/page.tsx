import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Input, Table, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { Link, useNavigate, useSearchParams } from "react-router-dom"
import { money, periodLabel, selectClass } from "../../../components/billing/format"
import { InvoiceKindBadge, InvoiceStatusBadge } from "../../../components/billing/ui"
import { PagePagination } from "../../../components/common/page-pagination"
import { useBillingAccounts } from "../../../hooks/billing-accounts"
import { INVOICE_KINDS, INVOICE_STATUSES, useInvoices } from "../../../hooks/billing"
import { toastError } from "../../../lib/errors"

const PAGE_SIZE = 20

/** Invoices and debit notes of every account: filter by status, kind and account, search by number; paged on the server. */
const InvoicesPage = () => {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const k = "billing.invoices"
  // the account filter can come from a link (an account's "all invoices")
  const [params] = useSearchParams()
  const [status, setStatus] = useState(params.get("status") ?? "")
  const [kind, setKind] = useState(params.get("kind") ?? "")
  const [accountId, setAccountId] = useState(params.get("account_id") ?? "")
  const [search, setSearch] = useState("")
  const [q, setQ] = useState("")
  const [pageIndex, setPageIndex] = useState(0)

  useEffect(() => {
    const h = setTimeout(() => {
      setQ(search.trim())
      setPageIndex(0)
    }, 300)
    return () => clearTimeout(h)
  }, [search])
  useEffect(() => setPageIndex(0), [status, kind, accountId])

  const accounts = useBillingAccounts({ limit: 1000 })
  const { data, isLoading, isError, error } = useInvoices({
    status: status || undefined,
    kind: kind || undefined,
    account_id: accountId || undefined,
    q: q || undefined,
    limit: PAGE_SIZE,
    offset: pageIndex * PAGE_SIZE,
  })
  useEffect(() => {
    if (isError) toastError(error)
  }, [isError, error])
  const invoices = data?.invoices ?? []
  const count = data?.count ?? 0
  const filtered = !!(status || kind || accountId || q)

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h1">{t(`${k}.title`)}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t(`${k}.description`)}
        </Text>
      </div>
      <div className="flex flex-wrap items-center justify-end gap-2 px-6 py-4" data-testid="invoices-filters">
        <select aria-label={t(`${k}.columns.status`)} name="status" className={`${selectClass} w-[170px]`} value={status} onChange={(e) => setStatus(e.target.value)} data-testid="invoices-status-filter">
          <option value="">{t(`${k}.allStatuses`)}</option>
          {INVOICE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`${k}.status.${s}`)}
            </option>
          ))}
        </select>
        <select aria-label={t(`${k}.columns.kind`)} name="kind" className={`${selectClass} w-[150px]`} value={kind} onChange={(e) => setKind(e.target.value)} data-testid="invoices-kind-filter">
          <option value="">{t(`${k}.allKinds`)}</option>
          {INVOICE_KINDS.map((x) => (
            <option key={x} value={x}>
              {t(`${k}.kind.${x}`)}
            </option>
          ))}
        </select>
        <select aria-label={t(`${k}.columns.account`)} name="account_id" className={`${selectClass} w-[220px]`} value={accountId} onChange={(e) => setAccountId(e.target.value)} data-testid="invoices-account-filter">
          <option value="">{t(`${k}.allAccounts`)}</option>
          {(accounts.data?.billing_accounts ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.code} – {a.name}
            </option>
          ))}
        </select>
        <div className="w-full max-w-[220px]">
          <Input size="small" type="search" placeholder={t(`${k}.search`)} value={search} onChange={(e) => setSearch(e.target.value)} data-testid="invoices-search" />
        </div>
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-8">
          {t("billing.loading")}
        </Text>
      ) : invoices.length === 0 ? (
        <div className="flex flex-col items-center gap-y-2 px-6 py-12" data-testid="invoices-empty">
          <Text weight="plus">{t(`${k}.empty.title`)}</Text>
          <Text size="small" className="text-ui-fg-subtle">
            {filtered ? t(`${k}.empty.filtered`) : t(`${k}.empty.description`)}
          </Text>
        </div>
      ) : (
        <div className="overflow-x-auto">
          <Table data-testid="invoices-table">
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t(`${k}.columns.number`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${k}.columns.account`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${k}.columns.period`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${k}.columns.kind`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${k}.columns.status`)}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t(`${k}.columns.total`)}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t(`${k}.columns.due`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${k}.columns.dueDate`)}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {invoices.map((inv) => (
                <Table.Row
                  key={inv.id}
                  className="cursor-pointer"
                  data-testid={`invoice-row-${inv.id}`}
                  data-number={inv.number ?? ""}
                  data-status={inv.status}
                  onClick={() => navigate(`/call-billing/invoices/${inv.id}`)}
                >
                  <Table.Cell>
                    <Link to={`/call-billing/invoices/${inv.id}`} onClick={(e) => e.stopPropagation()} className="text-ui-fg-interactive font-mono">
                      {inv.number ?? t(`${k}.draftNumber`)}
                    </Link>
                  </Table.Cell>
                  <Table.Cell className="font-mono">{inv.account_code ?? inv.account_id}</Table.Cell>
                  <Table.Cell>{periodLabel(inv.period_start, inv.period_end)}</Table.Cell>
                  <Table.Cell>
                    <InvoiceKindBadge kind={inv.kind} />
                  </Table.Cell>
                  <Table.Cell>
                    <InvoiceStatusBadge status={inv.status} />
                  </Table.Cell>
                  <Table.Cell className="text-right tabular-nums">{money(inv.total, inv.currency_code)}</Table.Cell>
                  <Table.Cell className="text-right tabular-nums">{money(inv.amount_due, inv.currency_code)}</Table.Cell>
                  <Table.Cell>{inv.due_date ?? "–"}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          <PagePagination count={count} pageSize={PAGE_SIZE} pageIndex={pageIndex} setPageIndex={setPageIndex} />
        </div>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Invoices" })

export default InvoicesPage
