/**
 * The wording of the plugin's notifications: built-in defaults per kind, an
 * entity's own templates over them (NotificationTemplate), and a renderer
 * for `{{placeholders}}`. Pure: no I/O.
 */
export const NOTIFICATION_KINDS = [
  "invoice_issued",
  "payment_received",
  "payment_failed",
  "reminder",
  "overdue",
  "warning",
  "suspension",
  "reactivation",
  "low_balance",
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export const DEFAULT_TEMPLATES: Record<NotificationKind, { subject: string; body: string }> = {
  invoice_issued: {
    subject: "Invoice {{invoice_number}} from {{entity_name}}",
    body: "Dear {{account_name}},\n\nYour invoice {{invoice_number}} for {{total}} {{currency_code}} is attached. It is due on {{due_date}}.\n\n{{entity_name}}",
  },
  payment_received: {
    subject: "Payment received: {{amount}} {{currency_code}}",
    body: "Dear {{account_name}},\n\nThank you: we received {{amount}} {{currency_code}} on {{received_at}}. Your receipt is attached.\n\n{{entity_name}}",
  },
  payment_failed: {
    subject: "Your payment did not go through",
    body: "Dear {{account_name}},\n\nThe card payment for {{invoice_number}} failed ({{reason}}). Please update your payment method.\n\n{{entity_name}}",
  },
  reminder: {
    subject: "Reminder: invoice {{invoice_number}} is due on {{due_date}}",
    body: "Dear {{account_name}},\n\nA reminder that invoice {{invoice_number}} ({{amount_due}} {{currency_code}} due) falls due on {{due_date}}.\n\n{{entity_name}}",
  },
  overdue: {
    subject: "Invoice {{invoice_number}} is overdue",
    body: "Dear {{account_name}},\n\nInvoice {{invoice_number}} was due on {{due_date}}; {{amount_due}} {{currency_code}} is still open. Please pay it now.\n\n{{entity_name}}",
  },
  warning: {
    subject: "Final notice: invoice {{invoice_number}}",
    body: "Dear {{account_name}},\n\nInvoice {{invoice_number}} is {{days}} days overdue ({{amount_due}} {{currency_code}}). Service will be suspended if it stays unpaid.\n\n{{entity_name}}",
  },
  suspension: {
    subject: "Service suspended",
    body: "Dear {{account_name}},\n\nYour service is suspended because invoice {{invoice_number}} ({{amount_due}} {{currency_code}}) is {{days}} days overdue. It resumes as soon as it is paid.\n\n{{entity_name}}",
  },
  reactivation: {
    subject: "Service resumed",
    body: "Dear {{account_name}},\n\nThank you for your payment: your service is active again.\n\n{{entity_name}}",
  },
  low_balance: {
    subject: "Low balance: {{balance}} {{currency_code}}",
    body: "Dear {{account_name}},\n\nYour prepaid balance is {{balance}} {{currency_code}}, below {{threshold}} {{currency_code}}. Top up to keep calling.\n\n{{entity_name}}",
  },
}

/**
 * Fills `{{name}}` placeholders from `data`; an unknown name is left visible
 * as it is, so a typo in a template shows instead of vanishing.
 *
 * @example
 * renderTemplate("Invoice {{invoice_number}}", { invoice_number: "ACME-1" }) // "Invoice ACME-1"
 */
export function renderTemplate(text: string, data: Record<string, unknown>): string {
  return text.replace(/\{\{\s*([a-z0-9_]+)\s*\}\}/gi, (whole, name) => {
    const v = data[name]
    return v === undefined || v === null ? whole : String(v)
  })
}
