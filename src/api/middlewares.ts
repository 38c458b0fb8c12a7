import { defineMiddlewares } from "@medusajs/framework/http"
import { adminBillingAccountRoutesMiddlewares } from "./admin/call-billing/billing-accounts/middlewares"
import { adminCardAssignmentRoutesMiddlewares } from "./admin/call-billing/card-assignments/middlewares"
import { adminLcrRoutesMiddlewares } from "./admin/call-billing/lcr/middlewares"
import { adminRateRoutesMiddlewares } from "./admin/call-billing/rate/middlewares"
import { adminRateCardRoutesMiddlewares } from "./admin/call-billing/rate-cards/middlewares"
import { adminTimeProfileRoutesMiddlewares } from "./admin/call-billing/time-profiles/middlewares"
import { adminImportRoutesMiddlewares } from "./admin/call-billing/imports/middlewares"
import { adminUsageRoutesMiddlewares } from "./admin/call-billing/usage/middlewares"
import { adminExceptionRoutesMiddlewares } from "./admin/call-billing/exceptions/middlewares"
import { adminRerateRoutesMiddlewares } from "./admin/call-billing/rerate/middlewares"
import { usagePushRoutesMiddlewares } from "./call-billing/usage/middlewares"
import { authorizeRoutesMiddlewares } from "./call-billing/authorize/middlewares"
import { adminInvoiceRoutesMiddlewares } from "./admin/call-billing/invoices/middlewares"
import { storeCallBillingRoutesMiddlewares } from "./store/call-billing/middlewares"
import { adminEntityRoutesMiddlewares } from "./admin/call-billing/entities/middlewares"
import { adminTaxProfileRoutesMiddlewares } from "./admin/call-billing/tax-profiles/middlewares"
import { adminPlanRoutesMiddlewares } from "./admin/call-billing/plans/middlewares"
import { adminFxRateRoutesMiddlewares } from "./admin/call-billing/fx-rates/middlewares"
import { stripeWebhookRoutesMiddlewares } from "./call-billing/stripe/middlewares"
import { adminCollectionsRoutesMiddlewares } from "./admin/call-billing/collections/middlewares"
import { adminWebhookRoutesMiddlewares } from "./admin/call-billing/webhook-endpoints/middlewares"

export default defineMiddlewares({
  routes: [
    ...adminRateCardRoutesMiddlewares,
    ...adminTimeProfileRoutesMiddlewares,
    ...adminBillingAccountRoutesMiddlewares,
    ...adminCardAssignmentRoutesMiddlewares,
    ...adminRateRoutesMiddlewares,
    ...adminLcrRoutesMiddlewares,
    ...adminImportRoutesMiddlewares,
    ...adminUsageRoutesMiddlewares,
    ...adminExceptionRoutesMiddlewares,
    ...adminRerateRoutesMiddlewares,
    ...usagePushRoutesMiddlewares,
    ...authorizeRoutesMiddlewares,
    ...adminInvoiceRoutesMiddlewares,
    ...storeCallBillingRoutesMiddlewares,
    ...adminEntityRoutesMiddlewares,
    ...adminTaxProfileRoutesMiddlewares,
    ...adminPlanRoutesMiddlewares,
    ...adminFxRateRoutesMiddlewares,
    ...stripeWebhookRoutesMiddlewares,
    ...adminCollectionsRoutesMiddlewares,
    ...adminWebhookRoutesMiddlewares,
  ],
})
