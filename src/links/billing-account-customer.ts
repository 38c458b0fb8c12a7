import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import BillingModule from "../modules/billing"

/** A tenant's billing account belongs to one Medusa customer, who logs in to its portal. */
export default defineLink(
  BillingModule.linkable.billingAccount,
  CustomerModule.linkable.customer
)
