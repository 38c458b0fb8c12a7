import { MedusaService } from "@medusajs/framework/utils"
import BillingAccount from "./models/billing-account"

/**
 * Billing accounts (tenants). Later parts of billing (plans, invoices,
 * wallets) join this service.
 */
class BillingModuleService extends MedusaService({
  BillingAccount,
}) {}

export default BillingModuleService
