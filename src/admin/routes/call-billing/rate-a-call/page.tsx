import { defineRouteConfig } from "@medusajs/admin-sdk"
import { useState } from "react"
import { RateCallForm } from "../../../components/rate-a-call/rate-call-form"
import { LcrTable, RateCallResult } from "../../../components/rate-a-call/rate-call-result"
import { RateCallInput, useLcr, useRateCall } from "../../../hooks/rating"
import { toastError } from "../../../lib/errors"

/** Rate one call as ingestion would, explain it, and rank the carriers. */
const RateACallPage = () => {
  const rate = useRateCall()
  const lcr = useLcr()
  const [input, setInput] = useState<RateCallInput | null>(null)

  const run = async (call: RateCallInput) => {
    setInput(call)
    lcr.reset()
    try {
      await rate.mutateAsync(call)
    } catch (e) {
      toastError(e)
      return
    }
    lcr
      .mutateAsync({
        number: call.number,
        at: call.answer_time,
        account_id: call.account_id,
        billsec: call.billsec,
        direction: call.direction,
      })
      .catch(toastError)
  }

  return (
    <div className="flex flex-col gap-y-3">
      <RateCallForm busy={rate.isPending} onSubmit={run} />
      {input && rate.data && !rate.isPending && <RateCallResult input={input} response={rate.data} />}
      {input && rate.data && (
        <LcrTable
          lcr={lcr.data}
          sell={rate.data}
          loading={lcr.isPending}
          error={lcr.error instanceof Error ? lcr.error.message : undefined}
        />
      )}
    </div>
  )
}

export const config = defineRouteConfig({ label: "Rate a call" })

export default RateACallPage
