import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { findVersion } from "../../../../helpers"
import { AdminGetRatesParamsType } from "../../../../validators"

const RATE_FIELDS = [
  "id",
  "prefix",
  "destination",
  "destination_group",
  "rate",
  "raw_rate",
  "connect_fee",
  "raw_connect_fee",
  "per_call",
  "raw_per_call",
  "initial_increment",
  "subsequent_increment",
  "grace",
  "band",
  "direction",
  "line",
]

/** A page of a version's rows: search by prefix (starts with) or destination (contains). */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const version = await findVersion(req.scope, req.params.id, req.params.version_id)
  const params = req.validatedQuery as unknown as AdminGetRatesParamsType
  const filters: Record<string, unknown> = { version_id: version.id }
  if (params.q) {
    const q = params.q.replace(/[%_\\]/g, (c) => "\\" + c)
    filters.$or = /^\+?\d+$/.test(params.q)
      ? [{ prefix: { $like: `${q.replace(/^\+/, "")}%` } }]
      : [{ destination: { $ilike: `%${q}%` } }, { destination_group: { $ilike: `%${q}%` } }]
  }
  if (params.band !== undefined) filters.band = params.band
  if (params.direction) filters.direction = params.direction
  if (params.destination_group) filters.destination_group = params.destination_group
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data, metadata } = await query.graph({
    entity: "rate",
    fields: RATE_FIELDS,
    filters,
    pagination: {
      skip: params.offset,
      take: params.limit,
      order: { prefix: "ASC", band: "ASC", direction: "ASC" },
    },
  })
  res.json({
    rates: data.map(exactRate),
    count: metadata!.count,
    offset: metadata!.skip,
    limit: metadata!.take,
  })
}

/** Money as stored: the raw decimal strings, not JS numbers. */
function exactRate(r: any) {
  const raw = (v: any) => (v && typeof v === "object" && "value" in v ? String(v.value) : v == null ? v : String(v))
  return {
    ...r,
    rate: raw(r.raw_rate ?? r.rate),
    connect_fee: raw(r.raw_connect_fee ?? r.connect_fee),
    per_call: raw(r.raw_per_call ?? r.per_call),
    raw_rate: undefined,
    raw_connect_fee: undefined,
    raw_per_call: undefined,
  }
}
