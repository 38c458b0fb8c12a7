import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { METERING_MODULE } from "../../../modules/metering"
import type MeteringModuleService from "../../../modules/metering/service"

export type IgnoreExceptionsStepInput = {
  ids: string[]
  /** why: required, it is the record of a decision not to bill */
  note: string
  actor?: string | null
}

export const ignoreExceptionsStepId = "ignore-exceptions"
/**
 * Closes open exceptions without storing them: status `ignored`, with who,
 * when and why. Only open exceptions can be ignored; the compensation
 * reopens them.
 *
 * @example
 * ignoreExceptionsStep({ ids: ["uexc_1"], note: "test calls from the lab", actor: "user_1" })
 */
export const ignoreExceptionsStep = createStep(
  ignoreExceptionsStepId,
  async (input: IgnoreExceptionsStepInput, { container }) => {
    const metering: MeteringModuleService = container.resolve(METERING_MODULE)
    const note = input.note?.trim()
    if (!note) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "note: say why the exceptions are ignored")
    }
    const ids = [...new Set(input.ids ?? [])]
    if (!ids.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "ids: name at least one exception")
    }
    const found = await metering.listUsageExceptions({ id: ids }, { select: ["id", "status"], take: ids.length })
    const byId = new Map(found.map((x: any) => [x.id, x.status as string]))
    const missing = ids.filter((id) => !byId.has(id))
    if (missing.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Usage exceptions not found: ${missing.slice(0, 20).join(", ")}`)
    }
    const closed = ids.filter((id) => byId.get(id) !== "open")
    if (closed.length) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Only open exceptions can be ignored: ${closed.slice(0, 20).map((id) => `${id} is ${byId.get(id)}`).join(", ")}`
      )
    }
    const at = new Date()
    await metering.updateUsageExceptions({
      selector: { id: ids, status: "open" },
      data: { status: "ignored", resolved_by: input.actor ?? null, resolved_at: at, note },
    } as any)
    return new StepResponse({ ids, status: "ignored" as const, resolved_by: input.actor ?? null, resolved_at: at, note }, ids)
  },
  async (ids: string[] | undefined, { container }) => {
    if (!ids?.length) return
    const metering: MeteringModuleService = container.resolve(METERING_MODULE)
    await metering.updateUsageExceptions({
      selector: { id: ids, status: "ignored" },
      data: { status: "open", resolved_by: null, resolved_at: null, note: null },
    } as any)
  }
)
