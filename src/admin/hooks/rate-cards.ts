import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import type { DeckError, List, Rate, RateCard, RateCardVersion, TimeProfile } from "../lib/types"

const BASE = "/admin/call-billing/rate-cards"

export const rateCardKeys = {
  all: ["call-billing", "rate-cards"] as const,
  list: (params: Record<string, unknown>) => [...rateCardKeys.all, "list", params] as const,
  detail: (id: string) => [...rateCardKeys.all, "detail", id] as const,
  versions: (id: string) => [...rateCardKeys.all, "detail", id, "versions"] as const,
  rates: (id: string, vid: string, params: Record<string, unknown>) =>
    [...rateCardKeys.all, "detail", id, "versions", vid, "rates", params] as const,
  diff: (id: string, from: string, to: string) => [...rateCardKeys.all, "detail", id, "diff", from, to] as const,
}

/** Body of a create/update; only the fields the validators accept. */
export type RateCardInput = {
  code: string
  name: string
  kind: "sell" | "buy"
  currency_code: string
  decimals: number
  rounding: RateCard["rounding"]
  direction: RateCard["direction"]
  carrier: string | null
  time_profile_id: string | null
  charge_unanswered: boolean
}

export type RatesParams = { q?: string; band?: string; direction?: "outbound" | "inbound"; limit: number; offset: number }

/** A row as the diff returns it (values as the database's text). */
export type DiffRow = {
  id?: string
  prefix: string
  destination: string | null
  destination_group: string | null
  rate: string
  connect_fee: string
  per_call: string
  initial_increment: number
  subsequent_increment: number
  grace: number
  band: string
  direction: "outbound" | "inbound"
}
export type DiffField =
  | "destination"
  | "destination_group"
  | "rate"
  | "connect_fee"
  | "per_call"
  | "initial_increment"
  | "subsequent_increment"
  | "grace"
export type DeckDiff = {
  from: { id: string; number: number }
  to: { id: string; number: number }
  added: DiffRow[]
  removed: DiffRow[]
  changed: Array<{ key: { prefix: string; band: string; direction: string }; old: DiffRow; new: DiffRow; fields: DiffField[] }>
  unchanged: number
}

/** Drops empty values so that `q=""` etc. are not sent. */
function query(params: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ""))
}

export const useRateCards = (params: { q?: string; limit: number; offset: number }) =>
  useQuery({
    queryKey: rateCardKeys.list(params),
    queryFn: () => sdk.client.fetch<List<"rate_cards", RateCard>>(BASE, { query: query(params) }),
    placeholderData: keepPreviousData,
  })

export const useRateCard = (id: string) =>
  useQuery({
    queryKey: rateCardKeys.detail(id),
    queryFn: () => sdk.client.fetch<{ rate_card: RateCard }>(`${BASE}/${id}`),
  })

export const useRateCardVersions = (id: string) =>
  useQuery({
    queryKey: rateCardKeys.versions(id),
    queryFn: () =>
      sdk.client.fetch<List<"versions", RateCardVersion>>(`${BASE}/${id}/versions`, {
        query: { limit: 1000, order: "-number" },
      }),
  })

export const useRates = (id: string, vid: string | undefined, params: RatesParams) =>
  useQuery({
    queryKey: rateCardKeys.rates(id, vid ?? "", params),
    queryFn: () =>
      sdk.client.fetch<List<"rates", Rate>>(`${BASE}/${id}/versions/${vid}/rates`, {
        // band "" is a real filter (rows for any band), so keep it
        query: { ...query({ ...params, band: undefined }), ...(params.band !== undefined ? { band: params.band } : {}) },
      }),
    enabled: !!vid,
    placeholderData: keepPreviousData,
  })

export const useDiff = (id: string, from: string | null, to: string | null) =>
  useQuery({
    queryKey: rateCardKeys.diff(id, from ?? "", to ?? ""),
    queryFn: () => sdk.client.fetch<DeckDiff>(`${BASE}/${id}/diff`, { query: { from, to } }),
    enabled: !!from && !!to,
    retry: false,
  })

/** Time profiles for the card form's select. */
export const useTimeProfileOptions = () =>
  useQuery({
    queryKey: ["call-billing", "time-profiles", "options"],
    queryFn: () =>
      sdk.client.fetch<List<"time_profiles", TimeProfile>>("/admin/call-billing/time-profiles", {
        query: { limit: 1000 },
      }),
  })

/** One time profile with its rules (for the rate table's band filter). */
export const useTimeProfile = (id: string | null | undefined) =>
  useQuery({
    queryKey: ["call-billing", "time-profiles", "detail", id],
    queryFn: () => sdk.client.fetch<{ time_profile: TimeProfile }>(`/admin/call-billing/time-profiles/${id}`),
    enabled: !!id,
  })

export const useSaveRateCard = (id?: string) => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: RateCardInput) =>
      sdk.client.fetch<{ rate_card: RateCard }>(id ? `${BASE}/${id}` : BASE, { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: rateCardKeys.all }),
  })
}

export const useDeleteRateCard = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => sdk.client.fetch(`${BASE}/${id}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: rateCardKeys.all }),
  })
}

export const usePublishVersion = (id: string) => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ vid, effective_from }: { vid: string; effective_from: string }) =>
      sdk.client.fetch<{ version: RateCardVersion }>(`${BASE}/${id}/versions/${vid}/publish`, {
        method: "POST",
        body: { effective_from },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: rateCardKeys.all }),
  })
}

export const useDeleteVersion = (id: string) => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (vid: string) => sdk.client.fetch(`${BASE}/${id}/versions/${vid}`, { method: "DELETE" }),
    // the deleted version's own queries (its rows) would only 404 if refetched
    onSuccess: (_, vid) =>
      qc.invalidateQueries({ queryKey: rateCardKeys.all, predicate: (q) => !q.queryKey.includes(vid) }),
  })
}

/** The SDK's resolved base URL (its config is private in the types). */
function backendUrl(path: string) {
  const base = (sdk.client as unknown as { config?: { baseUrl?: string } }).config?.baseUrl ?? ""
  return `${base.replace(/\/$/, "")}${path}`
}

/** A rejected deck: the server's message and every bad line. */
export class DeckRejectedError extends Error {
  constructor(message: string, public readonly errors: DeckError[]) {
    super(message)
  }
}

/**
 * Uploads a deck as JSON `{ csv, filename }`. XHR rather than the SDK: it
 * reports upload progress, and a 400's body (every bad line) is kept, where
 * the SDK's FetchError only keeps the message.
 */
export function uploadDeck(
  cardId: string,
  body: { csv: string; filename: string | null },
  onProgress: (fraction: number | null) => void
): Promise<RateCardVersion> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open("POST", backendUrl(`${BASE}/${cardId}/versions`))
    xhr.withCredentials = true
    xhr.setRequestHeader("Content-Type", "application/json")
    xhr.setRequestHeader("Accept", "application/json")
    xhr.upload.onprogress = (e) => onProgress(e.lengthComputable ? e.loaded / e.total : null)
    xhr.onerror = () => reject(new Error("The upload failed: the server could not be reached"))
    xhr.onload = () => {
      let json: any = {}
      try {
        json = JSON.parse(xhr.responseText || "{}")
      } catch {
        json = {}
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        return resolve(json.version)
      }
      const message = json.message || xhr.statusText || `Upload failed (${xhr.status})`
      reject(Array.isArray(json.errors) ? new DeckRejectedError(message, json.errors) : new Error(message))
    }
    xhr.send(JSON.stringify(body))
  })
}

export const useUploadDeck = (id: string) => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (args: { csv: string; filename: string | null; onProgress: (f: number | null) => void }) =>
      uploadDeck(id, { csv: args.csv, filename: args.filename }, args.onProgress),
    onSuccess: () => qc.invalidateQueries({ queryKey: rateCardKeys.all }),
  })
}

/** Downloads a version's deck CSV through the signed-in session. */
export async function downloadVersionCsv(cardId: string, version: { id: string; number: number }, code: string) {
  const res = await fetch(backendUrl(`${BASE}/${cardId}/versions/${version.id}/export`), {
    credentials: "include",
  })
  if (!res.ok) {
    const json = await res.json().catch(() => ({}) as { message?: string })
    throw new Error((json as { message?: string }).message || res.statusText)
  }
  const disposition = res.headers.get("Content-Disposition") ?? ""
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${code}-v${version.number}.csv`
  const blob = await res.blob()
  const url = URL.createObjectURL(blob)
  const a = document.createElement("a")
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
