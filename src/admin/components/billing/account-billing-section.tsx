import { PencilSquare } from "@medusajs/icons"
import { Button, Container, Heading, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { Link, useNavigate } from "react-router-dom"
import { useClosePeriod, useEntities, useInvoices, useAccountBilling, useTaxProfiles } from "../../hooks/billing"
import { toastError } from "../../lib/errors"
import { AccountSettingsDrawer } from "./account-settings-drawer"
import { money, periodLabel } from "./format"
import { StatementCard } from "./statement-card"
import { SubscriptionCard } from "./subscription-card"
import type { AccountBilling, CloseResult } from "./types"
import { InvoiceStatusBadge, Row } from "./ui"
import { WalletCard } from "./wallet-card"

const k = "billing.account"

/**
 * The "Billing" part of a billing account's page: settings, subscription,
 * wallet (prepaid), statement, "close period now" and recent invoices.
 */
export const AccountBillingSection = ({ accountId }: { accountId: string }) => {
  const { data } = useAccountBilling(accountId)
  const account = data?.billing_account
  if (!account) return null
  return (
    <div className="flex flex-col gap-y-3" data-testid="account-billing">
      <SettingsCard account={account} />
      <SubscriptionCard account={account} />
      {account.payment_mode === "prepaid" && <WalletCard account={account} />}
      <StatementCard account={account} />
      <AccountInvoices account={account} />
    </div>
  )
}

const SettingsCard = ({ account }: { account: AccountBilling }) => {
  const { t } = useTranslation()
  const prompt = usePrompt()
  const [editing, setEditing] = useState(false)
  const [result, setResult] = useState<CloseResult | null>(null)
  const close = useClosePeriod(account.id)
  const entities = useEntities({ limit: 1000 })
  const profiles = useTaxProfiles({ limit: 1000 })
  const entity = entities.data?.issuing_entities.find((e) => e.id === account.entity_id)
  const profile = profiles.data?.tax_profiles.find((p) => p.id === account.tax_profile_id)
  const cur = account.currency_code
  const s = `${k}.settings`

  useEffect(() => setResult(null), [account.id])

  const closeNow = async () => {
    const ok = await prompt({
      title: t(`${k}.close.title`),
      description: t(`${k}.close.description`),
      confirmText: t(`${k}.close.confirm`),
      cancelText: t("billing.actions.cancel"),
    })
    if (!ok) return
    try {
      const res = await close.mutateAsync({})
      setResult(res)
      toast.success(t(`${k}.close.done`, { closed: res.closed?.length ?? 0, skipped: res.skipped?.length ?? 0 }))
    } catch (e) {
      toastError(e)
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="account-billing-settings">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">{t(`${k}.title`)}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t(`${k}.description`)}
          </Text>
        </div>
        <div className="flex gap-2">
          <Button size="small" variant="secondary" onClick={closeNow} isLoading={close.isPending} data-testid="account-close-period">
            {t(`${k}.close.button`)}
          </Button>
          <Button size="small" variant="secondary" onClick={() => setEditing(true)} data-testid="account-billing-edit">
            <PencilSquare />
            {t("billing.actions.edit")}
          </Button>
        </div>
      </div>
      {result && (
        <div className="flex flex-col gap-y-1 px-6 py-3" data-testid="account-close-result">
          <Text size="small" weight="plus">
            {t(`${k}.close.done`, { closed: result.closed?.length ?? 0, skipped: result.skipped?.length ?? 0 })}
          </Text>
          {[...(result.closed ?? []), ...(result.skipped ?? [])].map((r, i) => (
            <Text key={i} size="xsmall" className="text-ui-fg-subtle font-mono">
              {describeClose(r)}
            </Text>
          ))}
        </div>
      )}
      <div className="py-2">
        <Row label={t(`${s}.fields.entity_id`)} value={entity ? `${entity.legal_name} (${entity.code})` : account.entity_id ?? t(`${s}.noEntity`)} testId="account-billing-entity" />
        <Row label={t(`${s}.fields.tax_profile_id`)} value={profile ? `${profile.name} (${profile.code})` : account.tax_profile_id ?? t(`${s}.noTaxProfile`)} testId="account-billing-tax-profile" />
        <Row label={t(`${s}.fields.payment_mode`)} value={t(`billing.paymentModes.${account.payment_mode ?? "postpaid"}`)} testId="account-billing-payment-mode" />
        {account.payment_mode === "prepaid" ? (
          <Row label={t(`${s}.fields.low_balance_threshold`)} value={money(account.low_balance_threshold, cur)} />
        ) : (
          <Row label={t(`${s}.fields.credit_limit`)} value={account.credit_limit === null || account.credit_limit === undefined ? t(`${s}.noLimit`) : money(account.credit_limit, cur)} testId="account-billing-credit-limit" />
        )}
        <Row label={t(`${s}.fields.billing_interval`)} value={t(`billing.intervals.${account.billing_interval ?? "month"}`)} />
        <Row label={t(`${s}.fields.anchor_day`)} value={String(account.anchor_day ?? 1)} testId="account-billing-anchor-day" />
        <Row label={t(`${s}.fields.net_days`)} value={String(account.net_days ?? 30)} testId="account-billing-net-days" />
        <Row label={t(`${s}.fields.invoicing_floor`)} value={money(account.invoicing_floor ?? "0", cur)} />
        <Row label={t(`${s}.fields.grace_minutes`)} value={String(account.grace_minutes ?? 60)} />
        <Row label={t(`${s}.fields.auto_finalize`)} value={t(account.auto_finalize ? "billing.yes" : "billing.no")} />
        <Row label={t(`${s}.fields.late_usage`)} value={t(`billing.lateUsage.${account.late_usage ?? "debit_note"}`)} />
        {account.credit_balance !== undefined && account.credit_balance !== null && (
          <Row label={t(`${s}.creditBalance`)} value={money(account.credit_balance, cur)} testId="account-billing-credit-balance" />
        )}
      </div>
      <AccountSettingsDrawer account={account} open={editing} onOpenChange={setEditing} />
    </Container>
  )
}

/** One closed or skipped period from the close result, in a line. */
function describeClose(r: Record<string, unknown>): string {
  const parts = ["period_start", "period_end", "outcome", "reason", "invoice_id"]
    .filter((f) => r[f] !== undefined && r[f] !== null && r[f] !== "")
    .map((f) => `${f}: ${String(r[f])}`)
  return parts.length ? parts.join(" · ") : JSON.stringify(r)
}

const AccountInvoices = ({ account }: { account: AccountBilling }) => {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const { data, isLoading, isError, error } = useInvoices({ account_id: account.id, limit: 10, offset: 0 })
  useEffect(() => {
    if (isError) toastError(error)
  }, [isError, error])
  const invoices = data?.invoices ?? []
  const i = `${k}.invoices`
  return (
    <Container className="divide-y p-0" data-testid="account-invoices">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">{t(`${i}.title`)}</Heading>
        <Link to={`/call-billing/invoices?account_id=${account.id}`} className="text-ui-fg-interactive txt-compact-small" data-testid="account-invoices-all">
          {t(`${i}.all`, { count: data?.count ?? 0 })}
        </Link>
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4">
          {t("billing.loading")}
        </Text>
      ) : invoices.length === 0 ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4" data-testid="account-invoices-empty">
          {t(`${i}.empty`)}
        </Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t("billing.invoices.columns.number")}</Table.HeaderCell>
              <Table.HeaderCell>{t("billing.invoices.columns.period")}</Table.HeaderCell>
              <Table.HeaderCell>{t("billing.invoices.columns.status")}</Table.HeaderCell>
              <Table.HeaderCell className="text-right">{t("billing.invoices.columns.total")}</Table.HeaderCell>
              <Table.HeaderCell className="text-right">{t("billing.invoices.columns.due")}</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {invoices.map((inv) => (
              <Table.Row
                key={inv.id}
                className="cursor-pointer"
                data-testid={`account-invoice-row-${inv.id}`}
                data-status={inv.status}
                data-kind={inv.kind}
                onClick={() => navigate(`/call-billing/invoices/${inv.id}`)}
              >
                <Table.Cell>
                  <Link to={`/call-billing/invoices/${inv.id}`} onClick={(e) => e.stopPropagation()} className="text-ui-fg-interactive font-mono">
                    {inv.number ?? t(inv.kind === "debit_note" ? "billing.invoices.draftDebitNote" : "billing.invoices.draftInvoice")}
                  </Link>
                </Table.Cell>
                <Table.Cell>{periodLabel(inv.period_start, inv.period_end)}</Table.Cell>
                <Table.Cell>
                  <InvoiceStatusBadge status={inv.status} />
                </Table.Cell>
                <Table.Cell className="text-right tabular-nums">{money(inv.total, inv.currency_code)}</Table.Cell>
                <Table.Cell className="text-right tabular-nums">{money(inv.amount_due, inv.currency_code)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}
