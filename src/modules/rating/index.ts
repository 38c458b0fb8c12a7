import { Module } from "@medusajs/framework/utils"
import { CallBillingModules } from "../../lib/constants"
import RatingModuleService from "./service"

export const RATING_MODULE = CallBillingModules.RATING

export default Module(RATING_MODULE, {
  service: RatingModuleService,
})

export * from "./service"
