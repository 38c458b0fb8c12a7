import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Input, StatusBadge, Table, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { Link, useNavigate } from "react-router-dom"
import { CreateBillingAccountDrawer } from "../../../components/billing-accounts/create-billing-account-drawer"
import { statusColour } from "../../../components/billing-accounts/status"
import { useBillingAccounts } from "../../../hooks/billing-accounts"
import { PagePagination } from "../../../components/common/page-pagination"

const PAGE = 20

/** Billing accounts (tenants), searchable, paged on the server. */
const BillingAccountsPage = () => {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [search, setSearch] = useState("")
  const [q, setQ] = useState("")
  const [page, setPage] = useState(0)

  useEffect(() => {
    const h = setTimeout(() => {
      setQ(search.trim())
      setPage(0)
    }, 300)
    return () => clearTimeout(h)
  }, [search])

  const { data, isLoading, isError, error } = useBillingAccounts({ q, limit: PAGE, offset: page * PAGE })
  const accounts = data?.billing_accounts ?? []
  const count = data?.count ?? 0

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h1">{t("callBilling.billingAccounts.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">{t("callBilling.billingAccounts.description")}</Text>
        </div>
        <CreateBillingAccountDrawer onCreated={(a) => navigate(`/call-billing/billing-accounts/${a.id}`)} />
      </div>
      <div className="px-6 py-4">
        <Input
          type="search"
          size="small"
          className="max-w-xs"
          placeholder={t("callBilling.billingAccounts.search")}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="billing-accounts-search"
        />
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4">{t("callBilling.billingAccounts.loading")}</Text>
      ) : isError ? (
        <Text size="small" className="text-ui-fg-error px-6 py-4">{error instanceof Error ? error.message : ""}</Text>
      ) : accounts.length === 0 ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-8 text-center" data-testid="billing-accounts-empty">
          {q ? t("callBilling.billingAccounts.noMatch", { q }) : t("callBilling.billingAccounts.empty")}
        </Text>
      ) : (
        <>
          <Table data-testid="billing-accounts-table">
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t("callBilling.billingAccounts.fields.code")}</Table.HeaderCell>
                <Table.HeaderCell>{t("callBilling.billingAccounts.fields.name")}</Table.HeaderCell>
                <Table.HeaderCell>{t("callBilling.billingAccounts.fields.currency_code")}</Table.HeaderCell>
                <Table.HeaderCell>{t("callBilling.billingAccounts.fields.timezone")}</Table.HeaderCell>
                <Table.HeaderCell>{t("callBilling.billingAccounts.fields.customer")}</Table.HeaderCell>
                <Table.HeaderCell>{t("callBilling.billingAccounts.fields.status")}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {accounts.map((a) => (
                <Table.Row
                  key={a.id}
                  data-testid={`billing-account-row-${a.code}`}
                  className="cursor-pointer"
                  onClick={() => navigate(`/call-billing/billing-accounts/${a.id}`)}
                >
                  <Table.Cell>
                    <Link to={`/call-billing/billing-accounts/${a.id}`} onClick={(e) => e.stopPropagation()}>
                      {a.code}
                    </Link>
                  </Table.Cell>
                  <Table.Cell>{a.name}</Table.Cell>
                  <Table.Cell>{a.currency_code}</Table.Cell>
                  <Table.Cell>{a.timezone}</Table.Cell>
                  <Table.Cell>{a.customer ? a.customer.company_name || a.customer.email : "—"}</Table.Cell>
                  <Table.Cell>
                    <StatusBadge color={statusColour(a.status)}>{t(`callBilling.billingAccounts.status.${a.status}`)}</StatusBadge>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          <PagePagination count={count} pageSize={PAGE} pageIndex={page} setPageIndex={setPage} />
        </>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Billing accounts" })

export default BillingAccountsPage
