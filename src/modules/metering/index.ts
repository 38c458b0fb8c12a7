import { Module } from "@medusajs/framework/utils"
import { CallBillingModules } from "../../lib/constants"
import MeteringModuleService from "./service"

export const METERING_MODULE = CallBillingModules.METERING

export default Module(METERING_MODULE, {
  service: MeteringModuleService,
})

export * from "./service"
export * from "./types"
