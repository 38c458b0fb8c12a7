import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import type { List, TimeProfile, TimeProfileRule } from "../lib/types"

const BASE = "/admin/call-billing/time-profiles"
export const timeProfileKeys = {
  all: ["call-billing", "time-profiles"] as const,
  list: (q: Record<string, unknown>) => [...timeProfileKeys.all, "list", q] as const,
  detail: (id: string) => [...timeProfileKeys.all, "detail", id] as const,
}

export type TimeProfileInput = {
  code?: string
  name?: string
  description?: string | null
  rules?: TimeProfileRule[]
  holidays?: Array<{ date: string; band: string }>
}

export const useTimeProfiles = (query: { limit?: number; offset?: number } = {}) =>
  useQuery({
    queryKey: timeProfileKeys.list(query),
    queryFn: () => sdk.client.fetch<List<"time_profiles", TimeProfile>>(BASE, { query }),
  })

export const useTimeProfile = (id: string) =>
  useQuery({
    queryKey: timeProfileKeys.detail(id),
    queryFn: () => sdk.client.fetch<{ time_profile: TimeProfile }>(`${BASE}/${id}`),
    enabled: !!id,
  })

export const useCreateTimeProfile = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: TimeProfileInput) =>
      sdk.client.fetch<{ time_profile: TimeProfile }>(BASE, { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: timeProfileKeys.all }),
  })
}

export const useUpdateTimeProfile = (id: string) => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: TimeProfileInput) =>
      sdk.client.fetch<{ time_profile: TimeProfile }>(`${BASE}/${id}`, { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: timeProfileKeys.all }),
  })
}
