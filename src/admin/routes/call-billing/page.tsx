import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Phone } from "@medusajs/icons"
import { Container, Heading, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"

const SECTIONS = [
  { to: "/call-billing/rate-cards", key: "rateCards" },
  { to: "/call-billing/time-profiles", key: "timeProfiles" },
  { to: "/call-billing/billing-accounts", key: "billingAccounts" },
  { to: "/call-billing/rate-a-call", key: "rateACall" },
  { to: "/call-billing/imports", key: "imports" },
  { to: "/call-billing/usage", key: "usage" },
  { to: "/call-billing/exceptions", key: "exceptions" },
  { to: "/call-billing/plans", key: "plans" },
  { to: "/call-billing/invoices", key: "invoices" },
  { to: "/call-billing/entities", key: "billingSetup" },
  { to: "/call-billing/collections", key: "collections" },
  { to: "/call-billing/webhooks", key: "webhooks" },
] as const

/** The "Call billing" section: rate cards, profiles, accounts, the call simulator, and usage (imports, calls, exceptions). */
const CallBillingPage = () => {
  const { t } = useTranslation()
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h1">{t("callBilling.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("callBilling.overview.description")}
        </Text>
      </div>
      <ul className="divide-y">
        {SECTIONS.map((s) => (
          <li key={s.key} className="px-6 py-4">
            <Link to={s.to} className="text-ui-fg-interactive txt-compact-medium-plus" data-testid={`nav-${s.key}`}>
              {t(`callBilling.overview.${s.key}.title`)}
            </Link>
            <Text size="small" className="text-ui-fg-subtle">
              {t(`callBilling.overview.${s.key}.description`)}
            </Text>
          </li>
        ))}
      </ul>
    </Container>
  )
}

export const config = defineRouteConfig({
  label: "Call billing",
  icon: Phone,
})

export default CallBillingPage
