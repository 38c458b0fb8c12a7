/**
 * Stripe: pushing customers, invoices, credit notes and wallet top-ups with
 * idempotency keys from our ids, and verifying Stripe's webhooks.
 */
export {
  COLLECTION_MARK,
  createStripeClient,
  createStripeTopUp,
  ensureStripeCustomer,
  markStripeInvoicePaidOutOfBand,
  voidStripeInvoice,
  pushStripeCreditNote,
  daysUntilDue,
  pushStripeInvoice,
  StripeWebhookSignatureError,
  verifyStripeWebhook,
  type StripeAccountInput,
  type StripeCreditNoteInput,
  type StripeIntegrationOptions,
  type StripeInvoiceInput,
  type StripeInvoiceResult,
  type StripeTopUpInput,
  type StripeTopUpResult,
} from "./client"
export { fromMinorUnits, stripeCurrencyScale, toMinorUnits, type StripeCurrencyScale } from "./minor-units"
