/** Keys under which the plugin's modules are registered in the container. */
export enum CallBillingModules {
  RATING = "callBillingRating",
  BILLING = "callBillingBilling",
  METERING = "callBillingMetering",
}

/** Events the plugin emits. */
export const CallBillingEvents = {
  RATE_CARD_VERSION_IMPORTED: "call_billing.rate_card_version.imported",
  RATE_CARD_VERSION_PUBLISHED: "call_billing.rate_card_version.published",
  CARD_ASSIGNMENTS_CHANGED: "call_billing.card_assignments.changed",
  BILLING_ACCOUNT_CREATED: "call_billing.billing_account.created",
  WALLET_LOW_BALANCE: "call_billing.wallet.low_balance",
  INVOICE_FINALIZED: "call_billing.invoice.finalized",
  INVOICE_PAID: "call_billing.invoice.paid",
  INVOICE_VOIDED: "call_billing.invoice.voided",
  CREDIT_NOTE_ISSUED: "call_billing.credit_note.issued",
  PAYMENT_RECORDED: "call_billing.payment.recorded",
  RESERVATION_EXPIRED: "call_billing.reservation.expired",
  /** a card payment for an invoice failed at the provider (Stripe) */
  PAYMENT_FAILED: "call_billing.payment.failed",
  /** postpaid: unbilled usage + open invoices crossed a share of the credit limit */
  USAGE_THRESHOLD_REACHED: "call_billing.usage.threshold_reached",
  ACCOUNT_SUSPENDED: "call_billing.account.suspended",
  ACCOUNT_REACTIVATED: "call_billing.account.reactivated",
  DUNNING_STEP_TAKEN: "call_billing.dunning.step_taken",
  WALLET_TOPPED_UP: "call_billing.wallet.topped_up",
} as const

/**
 * What registered webhook endpoints receive (issue 6 §3): the public event
 * name and the internal event it is sent for.
 */
export const OutgoingWebhookEvents = {
  "invoice.finalized": CallBillingEvents.INVOICE_FINALIZED,
  "invoice.paid": CallBillingEvents.INVOICE_PAID,
  "payment.failed": CallBillingEvents.PAYMENT_FAILED,
  "usage.threshold_reached": CallBillingEvents.USAGE_THRESHOLD_REACHED,
  "balance.low": CallBillingEvents.WALLET_LOW_BALANCE,
  "account.suspended": CallBillingEvents.ACCOUNT_SUSPENDED,
  "account.reactivated": CallBillingEvents.ACCOUNT_REACTIVATED,
} as const
export type OutgoingWebhookEvent = keyof typeof OutgoingWebhookEvents
