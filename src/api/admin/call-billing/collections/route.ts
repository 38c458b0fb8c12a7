import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../modules/billing"
import type BillingModuleService from "../../../../modules/billing/service"

/** Integrations status: what is configured (never a secret) and where the sync rows stand. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  const o = billing.collectionsOptions()
  const counts = await billing.countSyncRecords()
  const of = (provider: string) =>
    Object.fromEntries(["pending", "synced", "failed"].map((s) => [s, counts.find((c) => c.provider === provider && c.status === s)?.count ?? 0]))
  const [policies, suspended] = await Promise.all([
    billing.listDunningPolicies({}, { select: ["id"] }),
    billing.listBillingAccounts({ status: "suspended" }, { select: ["id", "suspension_reason"] }),
  ])
  res.json({
    stripe: {
      configured: !!o.stripe,
      mode: o.stripe?.mode ?? "send_invoice",
      days_until_due: o.stripe?.days_until_due ?? 30,
      webhook_configured: !!o.stripe?.webhook_secret,
      webhook_path: "/call-billing/stripe/webhook",
      sync: of("stripe"),
    },
    xero: {
      configured: !!o.xero,
      tenant_id: o.xero?.tenant_id ?? null,
      tax_types: o.xero?.tax_types ?? {},
      sync: of("xero"),
    },
    notifications: { channel: o.notifications?.channel ?? "email", enabled: o.notifications?.enabled !== false },
    dunning: {
      policies: policies.length,
      suspended_accounts: suspended.filter((a: any) => a.suspension_reason === "dunning").length,
    },
  })
}
