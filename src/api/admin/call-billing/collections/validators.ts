import { z } from "@medusajs/framework/zod"
import { NOTIFICATION_KINDS } from "../../../../modules/billing/notifications/templates"
import { decimalString, isoDate, stringList } from "../../../utils/validators"

const step = z.object({
  code: z.string().regex(/^[a-z0-9_]{1,40}$/, "lower-case letters, digits and _ (at most 40)"),
  action: z.enum(["reminder", "overdue", "warning", "suspend"]),
  days: z.number().int().min(-365).max(365),
})

export const AdminCreateDunningPolicy = z
  .object({
    name: z.string().min(1),
    account_id: z.string().nullish(),
    entity_id: z.string().nullish(),
    steps: z.array(step).min(1),
    grace_days: z.number().int().min(0).max(90).default(0),
    active: z.boolean().default(true),
  })
  .strict()
  .refine((p) => !(p.account_id && p.entity_id), { message: "give account_id or entity_id, not both", path: ["entity_id"] })
export type AdminCreateDunningPolicyType = z.infer<typeof AdminCreateDunningPolicy>

export const AdminUpdateDunningPolicy = z
  .object({
    name: z.string().min(1).optional(),
    steps: z.array(step).min(1).optional(),
    grace_days: z.number().int().min(0).max(90).optional(),
    active: z.boolean().optional(),
  })
  .strict()
export type AdminUpdateDunningPolicyType = z.infer<typeof AdminUpdateDunningPolicy>

export const AdminSetDunning = z.object({ paused: z.boolean(), note: z.string().max(500).nullish() }).strict()
export type AdminSetDunningType = z.infer<typeof AdminSetDunning>

export const AdminRunDunning = z.object({ as_of: isoDate.optional(), account_ids: z.array(z.string()).optional() }).strict()
export type AdminRunDunningType = z.infer<typeof AdminRunDunning>

export const AdminGetSyncRecordsParams = z.object({
  provider: z.enum(["stripe", "xero"]).optional(),
  status: stringList.pipe(z.array(z.enum(["pending", "synced", "failed"]))).optional(),
  record_type: z.enum(["account", "invoice", "credit_note", "payment"]).optional(),
  record_id: stringList.optional(),
  account_id: z.string().optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
})
export type AdminGetSyncRecordsParamsType = z.infer<typeof AdminGetSyncRecordsParams>

export const AdminRetrySyncRecords = z
  .object({
    ids: z.array(z.string()).min(1).max(1000).optional(),
    /** every failed row of a provider */
    provider: z.enum(["stripe", "xero"]).optional(),
  })
  .strict()
  .refine((b) => !!b.ids || !!b.provider, { message: "give ids or provider", path: ["ids"] })
export type AdminRetrySyncRecordsType = z.infer<typeof AdminRetrySyncRecords>

export const AdminGetReconciliationParams = z
  .object({
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD"),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD"),
  })
  .refine((p) => p.from <= p.to, { message: "must not be before from", path: ["to"] })
export type AdminGetReconciliationParamsType = z.infer<typeof AdminGetReconciliationParams>

export const AdminUpsertNotificationTemplate = z
  .object({
    entity_id: z.string().nullish(),
    kind: z.enum(NOTIFICATION_KINDS),
    subject: z.string().min(1).max(300),
    body: z.string().min(1).max(20000),
  })
  .strict()
export type AdminUpsertNotificationTemplateType = z.infer<typeof AdminUpsertNotificationTemplate>

export const AdminStripeTopUp = z
  .object({
    amount: decimalString(2),
    /** a saved card: charge it now (off-session) instead of returning a client secret */
    payment_method: z.string().optional(),
  })
  .strict()
export type AdminStripeTopUpType = z.infer<typeof AdminStripeTopUp>
