import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import { syncFailure } from "../../../modules/billing/integrations/options"
import type BillingModuleService from "../../../modules/billing/service"
import { pushToStripe } from "../utils/push-stripe"
import { pushToXero } from "../utils/push-xero"

export type PushSyncRecordsResult = { synced: string[]; failed: Array<{ id: string; error: string }>; skipped: string[] }

function errorText(e: any): string {
  if (typeof e === "string") return e.slice(0, 1000)
  const raw = e?.raw?.message ?? e?.message ?? JSON.stringify(e)
  return String(raw).slice(0, 1000)
}

export const pushSyncRecordsStepId = "push-sync-records"
/**
 * Pushes sync rows to their providers: claims them first (an attempt is
 * counted and the row leased, so a second worker skips it), then records
 * each outcome — `synced` with the provider id, or `failed` with the error
 * and the time of the next automatic retry. Stripe rows go one by one
 * (idempotency keys make a retry safe); Xero rows in batches of up to 50
 * through the tenant's rate-limited queue. A provider error fails the row,
 * never the workflow. Not compensated: what a provider accepted cannot be
 * taken back by a rollback, and the row says what happened.
 *
 * @example
 * const { synced, failed } = pushSyncRecordsStep({ ids: ["bsync_1", "bsync_2"] })
 */
export const pushSyncRecordsStep = createStep(pushSyncRecordsStepId, async (input: { ids: string[] }, { container }) => {
  const billing: BillingModuleService = container.resolve(BILLING_MODULE)
  const options = billing.collectionsOptions()
  const out: PushSyncRecordsResult = { synced: [], failed: [], skipped: [] }
  const claimed = await billing.claimSyncRecords(input.ids)
  out.skipped = input.ids.filter((id) => !claimed.some((c) => c.id === id))
  const done = async (row: any, result: { ok: true; external_id: string; data?: any } | { ok: false; error: string }) => {
    if (result.ok) {
      await billing.updateSyncRecords({
        id: row.id,
        status: "synced",
        external_id: result.external_id,
        data: result.data ?? row.data ?? null,
        synced_at: new Date(),
        last_error: null,
        next_attempt_at: null,
      })
      out.synced.push(row.id)
    } else {
      await billing.updateSyncRecords(syncFailure(row, result.error))
      out.failed.push({ id: row.id, error: result.error })
    }
  }
  // accounts before the documents that need them, invoices before their payments and credit notes
  const order = ["account", "invoice", "credit_note", "payment"]
  const sorted = [...claimed].sort((a, b) => order.indexOf(a.record_type) - order.indexOf(b.record_type))
  for (const row of sorted.filter((r) => r.provider === "stripe")) {
    if (!options.stripe) {
      await done(row, { ok: false, error: "Stripe is not configured (plugin option stripe.secret_key)" })
      continue
    }
    try {
      const r = await pushToStripe(billing, options.stripe, row as any)
      await done(row, { ok: true, ...r })
    } catch (e) {
      await done(row, { ok: false, error: errorText(e) })
    }
  }
  const xeroRows = sorted.filter((r) => r.provider === "xero")
  if (xeroRows.length) {
    if (!options.xero) {
      for (const row of xeroRows) await done(row, { ok: false, error: "Xero is not configured (plugin option xero.client_id)" })
    } else {
      const results = await pushToXero(billing, options.xero, xeroRows as any)
      for (const row of xeroRows) {
        const r = results.get(row.id) ?? { ok: false as const, error: "not pushed" }
        await done(row, r)
      }
    }
  }
  return new StepResponse(out)
})
