import { z } from "@medusajs/framework/zod"
import { decimalString, findParams, localDate, stringList } from "../../../utils/validators"

const STATUSES = ["draft", "finalized", "paid", "partially_paid", "void", "uncollectible"] as const

export const AdminGetInvoicesParams = findParams({ limit: 20 })
  .merge(
    z.object({
      account_id: stringList.optional(),
      /** one or several statuses, comma-separated or repeated */
      status: stringList.pipe(z.array(z.enum(STATUSES))).optional(),
      kind: z.enum(["invoice", "debit_note"]).optional(),
      /** invoice number, or part of it */
      q: z.string().trim().optional(),
      /** periods starting on or after this local date */
      period_from: localDate.optional(),
      /** periods starting on or before this local date */
      period_to: localDate.optional(),
    })
  )
  .refine((p) => !p.period_from || !p.period_to || p.period_from <= p.period_to, {
    message: "must not be before period_from",
    path: ["period_to"],
  })
export type AdminGetInvoicesParamsType = z.infer<typeof AdminGetInvoicesParams>

export const AdminCreateCreditNote = z
  .object({
    /** gross amount credited; absent = all that remains on the invoice */
    amount: decimalString(6).optional(),
    reason: z.string().trim().min(3, "say why (at least 3 characters)").max(500),
  })
  .strict()
export type AdminCreateCreditNoteType = z.infer<typeof AdminCreateCreditNote>

export const AdminGetInvoiceCallsParams = z.object({ format: z.enum(["csv", "xlsx"]).default("csv") })
export type AdminGetInvoiceCallsParamsType = z.infer<typeof AdminGetInvoiceCallsParams>

export const AdminGetInvoicePdfParams = z.object({
  calls: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
})
export type AdminGetInvoicePdfParamsType = z.infer<typeof AdminGetInvoicePdfParams>
