export type CreateBillingAccountInput = {
  code: string
  name: string
  email?: string | null
  currency_code: string
  timezone: string
  country_code: string
  international_prefix?: string
  trunk_prefix?: string
  status?: "active" | "suspended" | "closed"
  metadata?: Record<string, unknown> | null
  /** the Medusa customer this tenant logs in as */
  customer_id?: string | null
}

export type UpdateBillingAccountInput = Partial<Omit<CreateBillingAccountInput, "customer_id">> & {
  id: string
}
