import { useQueryGraphStep } from "@medusajs/medusa/core-flows"
import Decimal from "decimal.js"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { CreditDecision, ReservationTerms } from "../../../modules/billing/types"
import { rateCallsStep } from "../../rating/steps"
import { authorizeCreditStep } from "../steps/authorize-credit"
import { committedCreditStep } from "../steps/committed-credit"
import { emitWalletThresholdsStep } from "../steps/emit-wallet-thresholds"

export type AuthorizeCallWorkflowInput = {
  account_id: string
  number: string
  direction: "outbound" | "inbound"
  requested_seconds?: number
  call_id?: string | null
}

export const ACCOUNT_RATING_FIELDS = [
  "id",
  "code",
  "currency_code",
  "timezone",
  "country_code",
  "international_prefix",
  "trunk_prefix",
  "status",
  "payment_mode",
]

export const authorizeCallWorkflowId = "authorize-call"
/**
 * May this call start, and for how long? Rates the destination now with the
 * account's cards (RATING.md §3), then grants the largest quota on the
 * destination's increments that the available credit pays for and holds its
 * cost (BILLING.md §6). A bad number or a destination without a rate is
 * refused with that reason; nothing is held.
 *
 * @example
 * const { result } = await authorizeCallWorkflow(container).run({
 *   input: { account_id: "bacct_1", number: "+447700900123", direction: "outbound", requested_seconds: 600 },
 * })
 * // result.decision: { granted: true, granted_seconds: 600, amount: "0.6", reservation_id: "bres_…" }
 */
export const authorizeCallWorkflow = createWorkflow(
  authorizeCallWorkflowId,
  (input: AuthorizeCallWorkflowInput) => {
    const { data: accounts } = useQueryGraphStep({
      entity: "billing_account",
      fields: ACCOUNT_RATING_FIELDS,
      filters: { id: input.account_id },
      options: { throwIfKeyNotFound: true },
    })
    const rateInput = transform({ input, accounts }, ({ input, accounts }) => ({
      account: accounts[0],
      calls: [{ direction: input.direction, number: input.number, answer_time: new Date(), billsec: 1 }],
    }))
    const rated = rateCallsStep(rateInput)
    const terms = transform({ rated, rateInput }, ({ rated, rateInput }): ReservationTerms | null => {
      const r = rated.results[0]
      if (r.status !== "rated" || !r.trace || (r.fx && "error" in r.fx)) return null
      const t = r.trace
      // a card in another currency: its prices in the account's, at the FX rate in force now
      const fx = r.fx && "rate" in r.fx ? r.fx : null
      const inAccount = (v: string) => (fx ? new Decimal(v).mul(fx.rate).toString() : v)
      return {
        rate: inAccount(t.rate),
        connect_fee: inAccount(t.connect_fee),
        per_call: inAccount(t.per_call),
        ...(fx ? { fx: { currency: r.currency!, rate: fx.rate, effective_from: fx.effective_from } } : {}),
        initial_increment: t.initial_increment,
        subsequent_increment: t.subsequent_increment,
        // the hold covers the charge as the card will round it
        ...(r.rounding ? { decimals: r.rounding.decimals } : {}),
        ...(fx ? { fx_rate: fx.rate } : {}),
        rate_card_id: t.card_id,
        rate_card_version_id: t.version_id,
        rate_id: t.row_id,
        prefix: t.prefix,
        destination: t.destination,
        band: t.band,
        rated_at: new Date(rateInput.calls[0].answer_time).toISOString(),
      }
    })
    const decision = when("destination-rated", { terms }, ({ terms }) => !!terms).then(() => {
      const committed = committedCreditStep({ account_id: input.account_id })
      const authorizeInput = transform({ input, terms, rated, committed }, ({ input, terms, rated, committed }) => ({
        account_id: input.account_id,
        call_id: input.call_id ?? null,
        number: rated.results[0].number!,
        direction: input.direction,
        terms: terms!,
        requested_seconds: input.requested_seconds,
        committed,
      }))
      const d = authorizeCreditStep(authorizeInput)
      emitWalletThresholdsStep(transform({ d }, ({ d }) => [d.granted ? d.balance : null]))
      return d
    })
    const out = transform({ decision, rated, terms }, ({ decision, rated, terms }) => {
      const r = rated.results[0]
      const refusal: CreditDecision | undefined = terms
        ? undefined
        : {
            granted: false,
            reason: r.reason === "invalid_number" ? "invalid_number" : "no_rate",
            detail: r.fx && "error" in r.fx ? r.fx.error : (r.detail ?? `the number cannot be rated (${r.reason})`),
            available: null,
          }
      return { decision: (decision ?? refusal)!, terms, number: r.number ?? null }
    })
    return new WorkflowResponse(out)
  }
)
