import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { writeCallStatementCsv, writeCallStatementXlsx } from "../../../../../../modules/billing/documents"
import { accountTimezone, loadInvoice, statementCalls } from "../../../../../../workflows/billing/utils/documents"
import { sendFile } from "../../../../../utils/send-file"
import { AdminGetInvoiceCallsParamsType } from "../../validators"

/** The calls an invoice billed, as CSV (default) or XLSX, streamed. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetInvoiceCallsParamsType>, res: MedusaResponse) => {
  const invoice = await loadInvoice(req.scope, req.params.id)
  const timezone = await accountTimezone(req.scope, invoice.account_id)
  const name = `${invoice.number ?? `draft-${invoice.id}`}-calls`
  const calls = statementCalls(req.scope, invoice.id)
  if (req.validatedQuery.format === "xlsx") {
    await sendFile(res, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", `${name}.xlsx`, (out) =>
      writeCallStatementXlsx(calls, out, { timezone, currency: invoice.currency_code })
    )
  } else {
    await sendFile(res, "text/csv; charset=utf-8", `${name}.csv`, (out) => writeCallStatementCsv(calls, out, { timezone }))
  }
}
