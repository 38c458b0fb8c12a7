import { PassThrough } from "node:stream"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { exactOf } from "../../../lib/big-number"
import { BILLING_MODULE } from "../../../modules/billing"
import { currencyDecimals } from "../../../modules/billing/calc"
import { renderInvoicePdf, renderReceiptPdf } from "../../../modules/billing/documents"
import { DEFAULT_TEMPLATES, type NotificationKind, renderTemplate } from "../../../modules/billing/notifications/templates"
import type BillingModuleService from "../../../modules/billing/service"
import { invoiceDocument, loadInvoice, receiptDocument } from "../../billing/utils/documents"

export type BillingNotificationInput = {
  kind: NotificationKind
  account_id: string
  /** the notification's identity: sent once per key, however often asked */
  key: string
  data?: Record<string, unknown>
  /** a PDF to attach */
  attach?: { type: "invoice" | "receipt"; id: string } | null
}

async function pdf(render: (out: PassThrough) => Promise<void>): Promise<string> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on("data", (c: Buffer) => chunks.push(c))
  const ended = new Promise((resolve, reject) => {
    out.on("end", resolve)
    out.on("error", reject)
  })
  await render(out)
  await ended
  return Buffer.concat(chunks).toString("base64")
}

export const prepareBillingNotificationsStepId = "prepare-billing-notifications"
/**
 * Turns billing notifications into Notification Module messages: the
 * account's email, the entity's template for the kind (else the default
 * one, else the built-in wording) rendered with the data, the PDF attached,
 * and an idempotency key so a repeated event sends nothing twice. Accounts
 * without an email are skipped (returned in `skipped`). Reads only.
 *
 * @example
 * const { messages } = prepareBillingNotificationsStep([{ kind: "invoice_issued", account_id, key: "invoice_issued:binv_1", attach: { type: "invoice", id: "binv_1" } }])
 */
export const prepareBillingNotificationsStep = createStep(
  prepareBillingNotificationsStepId,
  async (input: BillingNotificationInput[], { container }) => {
    const billing: BillingModuleService = container.resolve(BILLING_MODULE)
    const options = billing.collectionsOptions().notifications ?? {}
    if (options.enabled === false || !input.length) return new StepResponse({ messages: [], skipped: [] as string[] })
    const channel = options.channel ?? "email"
    const accounts = await billing.listBillingAccounts({ id: [...new Set(input.map((n) => n.account_id))] })
    const templates = await billing.listNotificationTemplates({ kind: [...new Set(input.map((n) => n.kind))] })
    // a notification about an invoice names it by number, with its amounts and due
    // date, and is worded and signed by the entity that issued it
    const invoiceIds = [
      ...new Set(input.map((n) => (n.attach?.type === "invoice" ? n.attach.id : n.data?.invoice_id)).filter((i): i is string => typeof i === "string")),
    ]
    const invoices = new Map(
      (invoiceIds.length ? await billing.listInvoices({ id: invoiceIds }) : []).map((i: any) => {
        const dp = currencyDecimals(i.currency_code)
        const due = exactOf(i, "total").minus(exactOf(i, "amount_paid")).minus(exactOf(i, "amount_credited"))
        return [
          i.id,
          { entity_id: i.entity_id as string, vars: { invoice_number: i.number ?? i.id, total: exactOf(i, "total").toFixed(dp), amount_due: due.toFixed(dp), due_date: i.due_date ?? "", currency_code: i.currency_code } },
        ]
      })
    )
    const entityIds = [...new Set([...accounts.map((a) => a.entity_id), ...[...invoices.values()].map((i) => i.entity_id)].filter((e): e is string => !!e))]
    const entities = entityIds.length ? await billing.listIssuingEntities({ id: entityIds }) : []
    const messages: any[] = []
    const skipped: string[] = []
    for (const n of input) {
      const account: any = accounts.find((a) => a.id === n.account_id)
      if (!account?.email) {
        skipped.push(n.key)
        continue
      }
      const invoice = invoices.get((n.attach?.type === "invoice" ? n.attach.id : n.data?.invoice_id) as string)
      const entityId = invoice?.entity_id ?? account.entity_id
      const entity: any = entities.find((e) => e.id === entityId)
      const tpl =
        templates.find((t) => t.kind === n.kind && t.entity_id && t.entity_id === entityId) ??
        templates.find((t) => t.kind === n.kind && !t.entity_id) ??
        DEFAULT_TEMPLATES[n.kind]
      const vars = {
        account_name: account.name,
        account_code: account.code,
        entity_name: entity?.legal_name ?? entity?.name ?? "",
        currency_code: account.currency_code,
        ...(invoice?.vars ?? {}),
        ...(n.data?.invoice_id === null ? { invoice_number: "your top-up" } : {}),
        ...(n.data ?? {}),
      }
      const attachments: any[] = []
      if (n.attach?.type === "invoice") {
        const inv = await loadInvoice(container, n.attach.id)
        const doc = await invoiceDocument(container, inv)
        attachments.push({ filename: `${inv.number ?? inv.id}.pdf`, content_type: "application/pdf", content: await pdf((out) => renderInvoicePdf(doc, out)) })
      } else if (n.attach?.type === "receipt") {
        const doc = await receiptDocument(container, n.attach.id)
        attachments.push({ filename: `receipt-${doc.number}.pdf`, content_type: "application/pdf", content: await pdf((out) => renderReceiptPdf(doc, out)) })
      }
      const subject = renderTemplate(tpl.subject, vars)
      const body = renderTemplate(tpl.body, vars)
      messages.push({
        to: account.email,
        channel,
        template: `call-billing.${n.kind}`,
        content: { subject, text: body },
        data: { ...vars, subject, body },
        trigger_type: `call_billing.${n.kind}`,
        resource_id: n.attach?.id ?? n.account_id,
        resource_type: n.attach?.type ?? "billing_account",
        idempotency_key: `call-billing:${n.key}`,
        attachments: attachments.length ? attachments : null,
      })
    }
    return new StepResponse({ messages, skipped })
  }
)
