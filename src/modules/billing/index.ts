import { Module } from "@medusajs/framework/utils"
import { CallBillingModules } from "../../lib/constants"
import BillingModuleService from "./service"

export const BILLING_MODULE = CallBillingModules.BILLING

export default Module(BILLING_MODULE, {
  service: BillingModuleService,
})

export * from "./service"
