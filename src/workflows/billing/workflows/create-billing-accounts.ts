import { createRemoteLinkStep, emitEventStep, useQueryGraphStep } from "@medusajs/medusa/core-flows"
import { Modules } from "@medusajs/framework/utils"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CallBillingEvents } from "../../../lib/constants"
import { BILLING_MODULE } from "../../../modules/billing"
import { createBillingAccountsStep } from "../steps"
import { CreateBillingAccountInput } from "../types"

/**
 * RATING.md §2: the international access code is `00`, `011` for NANP
 * (country code 1), whose national trunk prefix is `1` rather than `0`.
 */
export function withDiallingDefaults<T extends { country_code: string; international_prefix?: string; trunk_prefix?: string }>(a: T): T {
  const nanp = a.country_code === "1"
  return {
    ...a,
    international_prefix: a.international_prefix ?? (nanp ? "011" : "00"),
    trunk_prefix: a.trunk_prefix ?? (nanp ? "1" : "0"),
  }
}

export type CreateBillingAccountsWorkflowInput = { billing_accounts: CreateBillingAccountInput[] }

export const createBillingAccountsWorkflowId = "create-billing-accounts"
/**
 * Creates tenants' billing accounts and links each to its Medusa customer.
 *
 * @example
 * await createBillingAccountsWorkflow(container).run({
 *   input: { billing_accounts: [{ code: "ACME", name: "Acme", currency_code: "GBP", timezone: "Europe/London", country_code: "44", customer_id: "cus_1" }] },
 * })
 */
export const createBillingAccountsWorkflow = createWorkflow(
  createBillingAccountsWorkflowId,
  (input: CreateBillingAccountsWorkflowInput) => {
    const customerIds = transform({ input }, ({ input }) =>
      input.billing_accounts.map((a) => a.customer_id).filter((id): id is string => !!id)
    )
    when("customers-given", { customerIds }, ({ customerIds }) => customerIds.length > 0).then(() => {
      useQueryGraphStep({
        entity: "customer",
        fields: ["id"],
        filters: { id: customerIds },
        options: { throwIfKeyNotFound: true },
      })
    })
    const data = transform({ input }, ({ input }) =>
      input.billing_accounts.map(({ customer_id, ...rest }) => withDiallingDefaults(rest))
    )
    const accounts = createBillingAccountsStep(data)
    const links = transform({ input, accounts }, ({ input, accounts }) =>
      accounts
        .map((a, i) => ({ account: a, customer_id: input.billing_accounts[i].customer_id }))
        .filter((x) => !!x.customer_id)
        .map((x) => ({
          [BILLING_MODULE]: { billing_account_id: x.account.id },
          [Modules.CUSTOMER]: { customer_id: x.customer_id },
        }))
    )
    createRemoteLinkStep(links)
    emitEventStep({
      eventName: CallBillingEvents.BILLING_ACCOUNT_CREATED,
      data: transform({ accounts }, ({ accounts }) => accounts.map((a) => ({ id: a.id }))),
    })
    return new WorkflowResponse(accounts)
  }
)
