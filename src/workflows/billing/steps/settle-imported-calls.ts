import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import type { WalletMovement } from "../../../modules/billing/types"
import { METERING_MODULE } from "../../../modules/metering"
import type MeteringModuleService from "../../../modules/metering/service"

export const settleImportedCallsStepId = "settle-imported-calls"
/**
 * After an import has stored its calls: a call whose id an open reservation
 * was granted for settles it with the rated charge (BILLING.md §6), a call
 * already reported corrects its report's charge; every other rated call of a
 * prepaid account is debited from its wallet, once per stored call
 * (set-based, in SQL). Postpaid accounts are not touched (their usage
 * is billed at period close). Marks the import `settled_at`; an import that
 * stopped before this step is settled by the sweep (`jobs/settle-imports`),
 * and running it again charges nothing twice.
 *
 * @example
 * const { settled, moves } = settleImportedCallsStep({ job_id: "ijob_1", inserted: 120 })
 */
export const settleImportedCallsStep = createStep(
  settleImportedCallsStepId,
  async (input: { job_id: string; inserted: number }, { container }) => {
    const none = { settled: 0, moves: [] as WalletMovement[], error: null as string | null }
    if (!input.inserted) return new StepResponse(none)
    try {
      return new StepResponse(await settle(input.job_id, container))
    } catch (e: any) {
      // the calls are stored either way: a failure here must not fail the import (and make a
      // client send it again, which would find only duplicates); it is logged and reported
      container.resolve("logger").error(`call-billing: settling the calls of import ${input.job_id} failed: ${e?.message ?? e}`)
      return new StepResponse({ ...none, error: String(e?.message ?? e) })
    }
  }
)

/** Settles reservations by the stored calls, then debits prepaid wallets (see the step). */
async function settle(jobId: string, container: any) {
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  const moves: WalletMovement[] = []
  let settled = 0
  for (const c of await billing.listReservationsSettledByImport(jobId)) {
    if (c.status !== "open") {
      // reported before its CDR came: charged by the report, corrected by the CDR
      const move = await billing.matchReportedCall(c.reservation_id, { call_record_id: c.call_record_id, charge: c.charge })
      if (move) moves.push(move)
      continue
    }
    const out = await billing.settleReservation(c.reservation_id, {
      charge: c.charge,
      used_seconds: c.rated_seconds,
      settled_by: "cdr",
      call_id: c.call_id,
      call_record_id: c.call_record_id,
    })
    if (out.settled) settled++
    if (out.balance) moves.push(out.balance)
  }
  // those calls are charged already; the rest of the prepaid calls are debited here
  moves.push(...(await billing.debitImportedCalls(jobId)))
  // done: the sweep (jobs/settle-imports) leaves this import alone
  const metering: MeteringModuleService = container.resolve(METERING_MODULE)
  await metering.updateImportJobs({ id: jobId, settled_at: new Date() })
  return { settled, moves, error: null }
}
