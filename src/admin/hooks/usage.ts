import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "../lib/sdk"
import type { List } from "../lib/types"

const IMPORTS = "/admin/call-billing/imports"
const USAGE = "/admin/call-billing/usage"
const EXCEPTIONS = "/admin/call-billing/exceptions"

export type ImportFormat = "generic" | "asterisk" | "freeswitch" | "events"
export type ImportStatus = "queued" | "running" | "completed" | "failed"
export type ExceptionReason = "unknown_account" | "invalid_number" | "invalid_record" | "no_rate" | "out_of_policy"
export type ExceptionStatus = "open" | "resolved" | "ignored"

/** One batch of usage (an uploaded or pulled file, a REST request, a slice of a stream). */
export type ImportJob = {
  id: string
  source: string
  channel: "upload" | "rest" | "sftp" | "s3" | "stream"
  format: string
  kind: "calls" | "events"
  filename: string | null
  sha256: string | null
  /** bigNumber: a number or a decimal string depending on serialisation */
  size_bytes: number | string | null
  timezone: string | null
  status: ImportStatus
  received: number
  inserted: number
  duplicates: number
  exceptions: number
  exception_reasons: Partial<Record<ExceptionReason, number>> | null
  started_at: string | null
  finished_at: string | null
  error: string | null
  created_at: string
}

/** How a stored call was rated, as the usage API explains it (every amount an exact string). */
export type UsageTrace = {
  card?: string | null
  card_name?: string | null
  card_code?: string | null
  card_id?: string | null
  version?: number | null
  version_number?: number | null
  prefix?: string | null
  destination?: string | null
  destination_group?: string | null
  band?: string | null
  rate?: string | null
  connect_fee?: string | null
  per_call?: string | null
  initial_increment?: number | null
  subsequent_increment?: number | null
  grace?: number | null
  rated_seconds?: number | null
  charge?: string | null
  currency?: string | null
  cost?: string | null
  cost_currency?: string | null
  carrier?: string | null
  cost_card?: string | null
  [key: string]: unknown
}

export type UsageCall = {
  id: string
  source: string
  call_id: string
  account_id: string
  account_code: string
  account_name?: string | null
  direction: "outbound" | "inbound"
  caller: string | null
  callee: string
  number: string
  answer_time: string | null
  start_time: string | null
  end_time: string | null
  duration: number | null
  billsec: number
  disposition: string
  campaign: string | null
  agent: string | null
  queue: string | null
  trunk: string | null
  carrier: string | null
  prefix: string | null
  destination: string | null
  band: string | null
  version_number: number | null
  rated_seconds: number
  charge: string
  currency: string
  cost: string | null
  cost_currency: string | null
  rated_at: string
  invoice_id: string | null
  import_job_id: string | null
  line: number | null
  request_id: string | null
  metadata: Record<string, unknown> | null
  trace?: UsageTrace | null
}

export type UsageTotals = {
  calls: number
  billsec: number | string
  rated_seconds: number | string
  /** billsec / 60 and rated_seconds / 60, two decimals, exact */
  minutes?: string
  rated_minutes?: string
  charge: Array<{ currency: string; amount: string }>
}

export type UsageParams = {
  account_id?: string
  from?: string
  to?: string
  campaign?: string
  agent?: string
  disposition?: string
  status?: "rated" | "invoiced"
  source?: string
  q?: string
  offset: number
  limit: number
}

export type UsageException = {
  id: string
  kind: "call" | "event"
  source: string
  record_key: string
  account_code: string | null
  account_id: string | null
  reason: ExceptionReason
  details: string | null
  /** the normalised record; `fields` holds the original values */
  record: ({ fields?: Record<string, unknown> } & Record<string, unknown>) | null
  format: string | null
  answer_time: string | null
  status: ExceptionStatus
  resolved_by: string | null
  resolved_at: string | null
  note: string | null
  resolved_record_id: string | null
  attempts: number
  import_job_id: string | null
  line: number | null
  request_id: string | null
  created_at?: string
}

export type ExceptionParams = {
  status?: ExceptionStatus
  reason?: ExceptionReason
  source?: string
  account_code?: string
  import_job_id?: string
  q?: string
  offset: number
  limit: number
}

export type ExceptionFilter = Partial<Pick<ExceptionParams, "reason" | "source" | "account_code" | "import_job_id" | "status" | "q">>

export type ReprocessBody = {
  ids?: string[]
  all?: true
  filter?: ExceptionFilter
  patch?: { account_code?: string; fields?: Record<string, string> }
  accept_out_of_policy?: boolean
}

export type ReprocessResult = {
  reprocessed: number
  resolved: number
  still_failing: Array<{ id: string; reason: string; details: string | null }>
}

export const usageKeys = {
  all: ["call-billing", "usage"] as const,
  imports: (params: Record<string, unknown>) => [...usageKeys.all, "imports", params] as const,
  importJob: (id: string) => [...usageKeys.all, "import-job", id] as const,
  calls: (params: Record<string, unknown>) => [...usageKeys.all, "calls", params] as const,
  exceptions: (params: Record<string, unknown>) => [...usageKeys.all, "exceptions", params] as const,
}

/** Drops empty values so that `q=""` etc. are not sent. */
function query(params: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ""))
}

const live = (status: ImportStatus | undefined) => status === "queued" || status === "running"

export const useImportJobs = (params: { status?: ImportStatus; source?: string; channel?: string; limit: number; offset: number }) =>
  useQuery({
    queryKey: usageKeys.imports(params),
    queryFn: () =>
      sdk.client.fetch<List<"import_jobs", ImportJob>>(IMPORTS, { query: query({ ...params, order: "-created_at" }) }),
    placeholderData: keepPreviousData,
    // keep the list's counters moving while any job on the page is running
    refetchInterval: (q) => ((q.state.data?.import_jobs ?? []).some((j) => live(j.status)) ? 2000 : false),
  })

/** One job, polled every second while it is queued or running. */
export const useImportJob = (id: string | null | undefined) =>
  useQuery({
    queryKey: usageKeys.importJob(id ?? ""),
    queryFn: () => sdk.client.fetch<{ import_job: ImportJob }>(`${IMPORTS}/${id}`),
    enabled: !!id,
    refetchInterval: (q) => (q.state.error ? false : live(q.state.data?.import_job.status) || !q.state.data ? 1000 : false),
  })

/** The SDK's resolved base URL (its config is private in the types). */
function backendUrl(path: string) {
  const base = (sdk.client as unknown as { config?: { baseUrl?: string } }).config?.baseUrl ?? ""
  return `${base.replace(/\/$/, "")}${path}`
}

export type UploadUsageInput = {
  file: File
  format: ImportFormat
  source: string
  timezone?: string
  /** account code for records that name none (e.g. Asterisk lines without an accountcode) */
  default_account?: string
  onProgress: (fraction: number | null) => void
}

/**
 * Sends a usage file as the raw request body, the file itself (the browser
 * streams it; it is never read whole into memory here). XHR rather than the
 * SDK for the upload progress.
 */
export function uploadUsageFile({ file, format, source, timezone, default_account, onProgress }: UploadUsageInput): Promise<ImportJob> {
  const params = new URLSearchParams(query({ format, source, timezone, default_account, filename: file.name }) as Record<string, string>)
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open("POST", backendUrl(`${IMPORTS}?${params.toString()}`))
    xhr.withCredentials = true
    xhr.setRequestHeader("Content-Type", "text/csv")
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
      if (xhr.status >= 200 && xhr.status < 300 && json.import_job) return resolve(json.import_job)
      reject(new Error(json.message || xhr.statusText || `Upload failed (${xhr.status})`))
    }
    xhr.send(file)
  })
}

export const useUploadUsage = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: uploadUsageFile,
    onSuccess: () => qc.invalidateQueries({ queryKey: [...usageKeys.all, "imports"] }),
  })
}

export type UsageResponse = List<"calls", UsageCall> & { totals: UsageTotals }

export const useUsage = (params: UsageParams, enabled = true) =>
  useQuery({
    queryKey: usageKeys.calls(params),
    queryFn: () => sdk.client.fetch<UsageResponse>(USAGE, { query: query(params) }),
    placeholderData: keepPreviousData,
    enabled,
  })

export type ExceptionsResponse = List<"exceptions", UsageException> & {
  by_reason: Partial<Record<ExceptionReason, number>> | Array<{ reason: ExceptionReason; count: number }>
}

export const useUsageExceptions = (params: ExceptionParams) =>
  useQuery({
    queryKey: usageKeys.exceptions(params),
    queryFn: () => sdk.client.fetch<ExceptionsResponse>(EXCEPTIONS, { query: query(params) }),
    placeholderData: keepPreviousData,
  })

export const useReprocessExceptions = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: ReprocessBody) =>
      sdk.client.fetch<ReprocessResult>(`${EXCEPTIONS}/reprocess`, { method: "POST", body }),
    // a resolved exception became a call: both lists move
    onSuccess: () => qc.invalidateQueries({ queryKey: usageKeys.all }),
  })
}

export const useIgnoreExceptions = () => {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: { ids: string[]; note: string }) =>
      sdk.client.fetch<{ ignored?: number }>(`${EXCEPTIONS}/ignore`, { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: usageKeys.all }),
  })
}
