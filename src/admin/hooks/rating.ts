import { useMutation } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import type { LcrEntry, RateResult } from "../lib/types"

export type RateCallInput = {
  account_id: string
  number: string
  direction: "outbound" | "inbound"
  answer_time: string
  billsec: number
  disposition: "ANSWERED" | "NO ANSWER" | "BUSY" | "FAILED" | "CONGESTION"
}

export type RateCallResponse = {
  account: { id: string; code: string; timezone: string }
  cards_tried: unknown
  result: RateResult
}

export type LcrResponse = { number: string | null; at: string; billsec: number; carriers: LcrEntry[] }

export const useRateCall = () =>
  useMutation({
    mutationFn: (body: RateCallInput) =>
      sdk.client.fetch<RateCallResponse>("/admin/call-billing/rate", { method: "POST", body }),
  })

export const useLcr = () =>
  useMutation({
    mutationFn: (q: { number: string; at: string; account_id: string; billsec: number; direction: string }) =>
      sdk.client.fetch<LcrResponse>("/admin/call-billing/lcr", {
        query: { ...q, billsec: Math.max(1, q.billsec) },
      }),
  })
