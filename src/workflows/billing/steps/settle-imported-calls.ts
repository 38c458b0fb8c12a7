import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import type { WalletMovement } from "../../../modules/billing/types"
import { METERING_MODULE } from "../../../modules/metering"
import type MeteringModuleService from "../../../modules/metering/service"

export const settleImportedCallsStepId = "settle-imported-calls"
/**
 * After an import has stored its calls: a call whose id an open reservation
 * was granted for settles it with the rated charge (BILLING.md §6); every
 * other rated call of a prepaid account is debited from its wallet, once per
 * call id. Postpaid accounts without reservations are not touched (their
 * usage is billed at period close), so large postpaid imports cost one query.
 *
 * @example
 * const { settled, debited, moves } = settleImportedCallsStep({ job_id: "ijob_1" })
 */
export const settleImportedCallsStep = createStep(
  settleImportedCallsStepId,
  async (input: { job_id: string; inserted: number }, { container }) => {
    const none = { settled: 0, debited: 0, moves: [] as WalletMovement[], error: null as string | null }
    if (!input.inserted) return new StepResponse(none)
    try {
      return new StepResponse(await settle(input, container))
    } catch (e: any) {
      // the calls are stored either way: a failure here must not fail the import (and make a
      // client send it again, which would find only duplicates); it is logged and reported
      container.resolve("logger").error(`call-billing: settling the calls of import ${input.job_id} failed: ${e?.message ?? e}`)
      return new StepResponse({ ...none, error: String(e?.message ?? e) })
    }
  }
)

/** Settles reservations by the stored calls and debits prepaid wallets (see the step). */
async function settle(input: { job_id: string; inserted: number }, container: any) {
  const none = { settled: 0, debited: 0, moves: [] as WalletMovement[], error: null as string | null }
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  const metering: MeteringModuleService = container.resolve(METERING_MODULE)
  const [prepaid, open] = await Promise.all([
    billing.listBillingAccounts({ payment_mode: "prepaid" }, { select: ["id"] }),
    billing.listCreditReservations({ status: "open", call_id: { $ne: null } }, { select: ["id", "account_id", "call_id"] }),
  ])
  const prepaidIds = new Set(prepaid.map((a) => a.id))
  const accountIds = [...new Set([...prepaidIds, ...open.map((r) => r.account_id)])]
  if (!accountIds.length) return none
  const calls = await metering.listCallCharges(input.job_id, accountIds)
  const byCall = new Map(open.map((r) => [`${r.account_id}\u0000${r.call_id}`, r.id]))
  const moves: WalletMovement[] = []
  let settled = 0
  const debits: Array<{ account_id: string; call_id: string; charge: string }> = []
  for (const c of calls) {
    const reservationId = byCall.get(`${c.account_id}\u0000${c.call_id}`)
    if (reservationId) {
      const out = await billing.settleReservation(reservationId, {
        charge: c.charge,
        used_seconds: c.rated_seconds,
        settled_by: "cdr",
        call_id: c.call_id,
      })
      if (out.settled) settled++
      if (out.balance) moves.push(out.balance)
      if (out.settled) continue
    }
    if (prepaidIds.has(c.account_id)) debits.push(c)
  }
  if (debits.length) moves.push(...(await billing.debitCalls(debits)))
  return { settled, debited: debits.length, moves, error: null }
}
