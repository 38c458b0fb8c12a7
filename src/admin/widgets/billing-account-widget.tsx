import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { Button, Container, Heading, StatusBadge, Text } from "@medusajs/ui"
import type { DetailWidgetProps, AdminCustomer } from "@medusajs/framework/types"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"
import { CreateBillingAccountDrawer } from "../components/billing-accounts/create-billing-account-drawer"
import { statusColour } from "../components/billing-accounts/status"
import { useAccountAssignments, useCustomerBillingAccount } from "../hooks/billing-accounts"

const slug = (s: string) =>
  s
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32)

/** The customer's billing account, its cards, or a way to create one. */
const BillingAccountWidget = ({ data }: DetailWidgetProps<AdminCustomer>) => {
  const { t } = useTranslation()
  const { data: account, isLoading, refetch } = useCustomerBillingAccount(data.id)
  const assignments = useAccountAssignments(account?.id)
  const name = data.company_name || [data.first_name, data.last_name].filter(Boolean).join(" ") || data.email

  return (
    <Container className="divide-y p-0" data-testid="billing-account-widget">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">{t("callBilling.widget.title")}</Heading>
        {account && (
          <StatusBadge color={statusColour(account.status)}>
            {t(`callBilling.billingAccounts.status.${account.status}`)}
          </StatusBadge>
        )}
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4">{t("callBilling.widget.loading")}</Text>
      ) : account ? (
        <>
          <div className="flex flex-col gap-y-1 px-6 py-4">
            <Link
              to={`/call-billing/billing-accounts/${account.id}`}
              className="text-ui-fg-interactive txt-compact-small-plus"
              data-testid="billing-account-widget-link"
            >
              {account.code}
            </Link>
            <Text size="small" className="text-ui-fg-subtle">
              {account.name} · {account.currency_code} · {account.timezone}
            </Text>
          </div>
          <div className="flex flex-col gap-y-2 px-6 py-4">
            {(["outbound", "inbound"] as const).map((dir) => {
              const rows = assignments.data?.order[dir] ?? []
              return (
                <div key={dir}>
                  <Text size="xsmall" weight="plus" className="text-ui-fg-subtle">
                    {t(`callBilling.billingAccounts.${dir}`)}
                  </Text>
                  <Text size="small" data-testid={`billing-account-widget-${dir}`}>
                    {rows.length
                      ? rows.map((a) => `${a.rate_card?.name ?? a.rate_card_id} (${t(`callBilling.billingAccounts.scope.${a.scope}`)})`).join(" → ")
                      : t("callBilling.billingAccounts.noCards")}
                  </Text>
                </div>
              )
            })}
          </div>
        </>
      ) : (
        <div className="flex flex-col gap-y-3 px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">{t("callBilling.widget.none")}</Text>
          <CreateBillingAccountDrawer
            customerId={data.id}
            defaults={{ code: slug(name ?? ""), name: name ?? "", email: data.email ?? "" }}
            onCreated={() => refetch()}
            trigger={
              <Button size="small" variant="secondary" data-testid="billing-account-widget-create">
                {t("callBilling.widget.create")}
              </Button>
            }
          />
        </div>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "customer.details.side.after" })

export default BillingAccountWidget
