import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import Decimal from "decimal.js"
import { CallBillingEvents } from "../../../lib/constants"
import type { WalletMovement } from "../../../modules/billing/types"

export const emitWalletThresholdsStepId = "emit-wallet-thresholds"
/**
 * Emits `call_billing.wallet.low_balance` for each wallet movement that
 * crossed its account's low-balance threshold downwards (once per crossing,
 * not on every call below it).
 *
 * @example
 * emitWalletThresholdsStep([{ account_id, before: "12", after: "8", low_balance_threshold: "10", currency_code: "GBP" }])
 */
export const emitWalletThresholdsStep = createStep(
  emitWalletThresholdsStepId,
  async (moves: Array<WalletMovement | null | undefined>, { container }) => {
    const crossed = moves.filter(
      (m): m is WalletMovement =>
        !!m &&
        m.low_balance_threshold !== null &&
        new Decimal(m.before).gte(m.low_balance_threshold) &&
        new Decimal(m.after).lt(m.low_balance_threshold)
    )
    if (crossed.length) {
      const bus = container.resolve(Modules.EVENT_BUS)
      await bus.emit(
        crossed.map((m) => ({
          name: CallBillingEvents.WALLET_LOW_BALANCE,
          data: { account_id: m.account_id, balance: m.after, threshold: m.low_balance_threshold, currency_code: m.currency_code },
        }))
      )
    }
    return new StepResponse(crossed.length)
  }
)
