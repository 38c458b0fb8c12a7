import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { invoiceDetail } from "../../../../admin/call-billing/invoices/helpers"
import { loadTenantInvoice } from "../helpers"

export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const invoice = await loadTenantInvoice(req)
  const { payments, ...detail } = await invoiceDetail(req.scope, invoice)
  res.json({ invoice: { ...detail, payments: payments.map(({ payment_id, amount, method, received_at }) => ({ payment_id, amount, method, received_at })) } })
}
