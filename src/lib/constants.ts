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
} as const
