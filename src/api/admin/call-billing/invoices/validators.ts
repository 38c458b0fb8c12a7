import { z } from "@medusajs/framework/zod"
import { decimalString, findParams, stringList } from "../../../utils/validators"

export const AdminGetInvoicesParams = findParams({ limit: 20 }).merge(
  z.object({
    account_id: stringList.optional(),
    status: stringList.optional(),
    kind: z.enum(["invoice", "debit_note"]).optional(),
    /** invoice number, or part of it */
    q: z.string().trim().optional(),
  })
)
export type AdminGetInvoicesParamsType = z.infer<typeof AdminGetInvoicesParams>

export const AdminCreateCreditNote = z
  .object({
    /** gross amount credited; absent = all that remains on the invoice */
    amount: decimalString(6).optional(),
    reason: z.string().trim().min(3, "reason: say why (at least 3 characters)").max(500),
  })
  .strict()
export type AdminCreateCreditNoteType = z.infer<typeof AdminCreateCreditNote>

export const AdminGetInvoiceCallsParams = z.object({ format: z.enum(["csv", "xlsx"]).default("csv") })
export type AdminGetInvoiceCallsParamsType = z.infer<typeof AdminGetInvoiceCallsParams>

export const AdminGetInvoicePdfParams = z.object({
  calls: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
})
export type AdminGetInvoicePdfParamsType = z.infer<typeof AdminGetInvoicePdfParams>
