import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import type { BillingAccount, CardAssignment, List, RateCard } from "../lib/types"

const BASE = "/admin/call-billing/billing-accounts"
export const billingAccountKeys = {
  all: ["call-billing", "billing-accounts"] as const,
  list: (q: Record<string, unknown>) => [...billingAccountKeys.all, "list", q] as const,
  detail: (id: string) => [...billingAccountKeys.all, "detail", id] as const,
  assignments: (id: string) => [...billingAccountKeys.all, "assignments", id] as const,
  forCustomer: (id: string) => [...billingAccountKeys.all, "customer", id] as const,
}

export type BillingAccountInput = {
  code: string
  name: string
  email?: string | null
  currency_code: string
  timezone: string
  country_code: string
  international_prefix?: string
  trunk_prefix?: string
  status?: BillingAccount["status"]
  customer_id?: string | null
}

export type AccountAssignments = {
  card_assignments: CardAssignment[]
  order: { outbound: CardAssignment[]; inbound: CardAssignment[] }
}

export const useBillingAccounts = (query: { q?: string; limit?: number; offset?: number } = {}) =>
  useQuery({
    queryKey: billingAccountKeys.list(query),
    queryFn: () =>
      sdk.client.fetch<List<"billing_accounts", BillingAccount>>(BASE, {
        query: { ...query, q: query.q || undefined },
      }),
    placeholderData: (prev) => prev,
  })

export const useBillingAccount = (id: string) =>
  useQuery({
    queryKey: billingAccountKeys.detail(id),
    queryFn: () => sdk.client.fetch<{ billing_account: BillingAccount }>(`${BASE}/${id}`),
    enabled: !!id,
  })

export const useAccountAssignments = (id: string | undefined) =>
  useQuery({
    queryKey: billingAccountKeys.assignments(id ?? ""),
    queryFn: () => sdk.client.fetch<AccountAssignments>(`${BASE}/${id}/card-assignments`),
    enabled: !!id,
  })

export const useCreateBillingAccount = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: BillingAccountInput) =>
      sdk.client.fetch<{ billing_account: BillingAccount }>(BASE, { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: billingAccountKeys.all }),
  })
}

export const useUpdateBillingAccount = (id: string) => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: Partial<BillingAccountInput>) =>
      sdk.client.fetch<{ billing_account: BillingAccount }>(`${BASE}/${id}`, { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: billingAccountKeys.all }),
  })
}

export const useAssignCard = (accountId: string) => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: { scope: "account" | "override"; direction: "outbound" | "inbound"; rate_card_id: string; priority?: number }) =>
      sdk.client.fetch<{ card_assignment: CardAssignment }>(`${BASE}/${accountId}/card-assignments`, {
        method: "POST",
        body,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: billingAccountKeys.all }),
  })
}

export const useRemoveAssignment = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      sdk.client.fetch<{ id: string; deleted: boolean }>(`/admin/call-billing/card-assignments/${id}`, {
        method: "DELETE",
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: billingAccountKeys.all }),
  })
}

/** Sell cards to choose from when assigning a card to an account. */
export const useSellCardOptions = () =>
  useQuery({
    queryKey: ["call-billing", "rate-cards", "options", "sell"],
    queryFn: () =>
      sdk.client.fetch<List<"rate_cards", RateCard>>("/admin/call-billing/rate-cards", {
        query: { limit: 1000, kind: "sell", fields: "id,code,name,kind,currency_code,direction" },
      }),
    select: (d) => d.rate_cards.filter((c) => c.kind === "sell"),
  })

/**
 * The billing account linked to a customer: read through the link on the
 * customer; if that field is not exposed, list accounts with their customer and filter.
 */
export const useCustomerBillingAccount = (customerId: string) =>
  useQuery({
    queryKey: billingAccountKeys.forCustomer(customerId),
    queryFn: async (): Promise<BillingAccount | null> => {
      try {
        const { customer } = await sdk.client.fetch<{ customer: { billing_account?: BillingAccount | null } }>(
          `/admin/customers/${customerId}`,
          { query: { fields: "id,*billing_account" } }
        )
        if (customer && "billing_account" in customer) return customer.billing_account ?? null
      } catch {
        // fall through to the list
      }
      const limit = 200
      for (let offset = 0; ; offset += limit) {
        const page = await sdk.client.fetch<List<"billing_accounts", BillingAccount>>(BASE, {
          query: { limit, offset, fields: "+customer.id" },
        })
        const found = page.billing_accounts.find((a) => a.customer?.id === customerId)
        if (found) return found
        if (offset + page.billing_accounts.length >= page.count || page.billing_accounts.length === 0) return null
      }
    },
    enabled: !!customerId,
  })
