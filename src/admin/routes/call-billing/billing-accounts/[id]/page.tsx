import { Button, Container, Heading, StatusBadge, Text, toast } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { Link, useParams } from "react-router-dom"
import { AccountAssignments } from "../../../../components/billing-accounts/assignments"
import { statusColour } from "../../../../components/billing-accounts/status"
import { useBillingAccount, useUpdateBillingAccount } from "../../../../hooks/billing-accounts"
import { toastError } from "../../../../lib/errors"
import { AccountBillingSection } from "../../../../components/billing/account-billing-section"
import { DunningSection } from "../../../../components/collections/dunning-section"
import { SyncStatusSection } from "../../../../components/collections/sync-status-section"
import type { BillingAccount } from "../../../../lib/types"

const NEXT: Record<BillingAccount["status"], BillingAccount["status"][]> = {
  active: ["suspended", "closed"],
  suspended: ["active", "closed"],
  closed: ["active"],
}

/** One billing account: its settings, customer and the cards that rate its calls. */
const BillingAccountDetailPage = () => {
  const { t } = useTranslation()
  const { id = "" } = useParams()
  const { data, isLoading, isError, error } = useBillingAccount(id)
  const update = useUpdateBillingAccount(id)
  const a = data?.billing_account

  const setStatus = async (status: BillingAccount["status"]) => {
    try {
      await update.mutateAsync({ status })
      toast.success(t("callBilling.billingAccounts.statusChanged", { status }))
    } catch (e) {
      toastError(e)
    }
  }

  const rows: Array<[string, string]> = a
    ? [
        ["code", a.code],
        ["name", a.name],
        ["email", a.email ?? "—"],
        ["currency_code", a.currency_code],
        ["timezone", a.timezone],
        ["country_code", a.country_code],
        ["international_prefix", a.international_prefix || "—"],
        ["trunk_prefix", a.trunk_prefix || "—"],
      ]
    : []

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="px-6 py-4">
          <Link to="/call-billing/billing-accounts" className="text-ui-fg-interactive txt-small">
            ← {t("callBilling.billingAccounts.title")}
          </Link>
          {isLoading ? (
            <Text size="small" className="text-ui-fg-muted">{t("callBilling.billingAccounts.loading")}</Text>
          ) : isError || !a ? (
            <Text size="small" className="text-ui-fg-error">{error instanceof Error ? error.message : t("callBilling.billingAccounts.notFound")}</Text>
          ) : (
            <div className="flex items-center justify-between">
              <Heading level="h1">{a.name}</Heading>
              <div className="flex items-center gap-2">
                <StatusBadge color={statusColour(a.status)} data-testid="billing-account-status">
                  {t(`callBilling.billingAccounts.status.${a.status}`)}
                </StatusBadge>
                {NEXT[a.status].map((s) => (
                  <Button key={s} size="small" variant="secondary" isLoading={update.isPending} onClick={() => setStatus(s)}>
                    {t(`callBilling.billingAccounts.makeStatus.${s}`)}
                  </Button>
                ))}
              </div>
            </div>
          )}
        </div>
        {a && (
          <>
            {rows.map(([k, v]) => (
              <div key={k} className="text-ui-fg-subtle grid grid-cols-2 px-6 py-3">
                <Text size="small" weight="plus">{t(`callBilling.billingAccounts.fields.${k}`)}</Text>
                <Text size="small" data-testid={`billing-account-${k}`}>{v}</Text>
              </div>
            ))}
            <div className="text-ui-fg-subtle grid grid-cols-2 px-6 py-3">
              <Text size="small" weight="plus">{t("callBilling.billingAccounts.fields.customer")}</Text>
              {a.customer ? (
                <Link to={`/customers/${a.customer.id}`} className="text-ui-fg-interactive txt-small">
                  {a.customer.company_name || a.customer.email}
                </Link>
              ) : (
                <Text size="small">—</Text>
              )}
            </div>
          </>
        )}
      </Container>
      {a && <AccountAssignments accountId={a.id} />}
      {a && <AccountBillingSection accountId={a.id} />}
      {a && <DunningSection accountId={a.id} />}
      {a && <SyncStatusSection accountId={a.id} />}
    </div>
  )
}

export default BillingAccountDetailPage
