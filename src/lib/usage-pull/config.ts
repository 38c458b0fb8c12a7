import type { ConfigModule, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { USAGE_FILE_FORMATS, type UsageFileFormat } from "../../workflows/metering/types"
import type { UsageSourceConfig } from "./types"

/** Environment variable holding the whole list of pull sources as JSON (for ops; adds to the plugin options). */
export const USAGE_SOURCES_ENV = "CALL_BILLING_USAGE_SOURCES"
/** The plugin's package name, as `plugins: [{ resolve: "call-billing", options }]` names it. */
export const PLUGIN_NAME = "call-billing"

const ENV_PREFIX = "env:"

const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)

/**
 * Validates the pull sources (plugin option `usage_sources`, or the JSON in
 * `CALL_BILLING_USAGE_SOURCES`), applies defaults and resolves `env:NAME`
 * strings from the environment so secrets stay out of the config. Errors name
 * the field and its place, e.g. `usage_sources[1].host: required for an sftp source`.
 *
 * @example
 * const [pbx] = parseUsageSources([{ name: "pbx-1", type: "sftp", host: "10.0.0.5", username: "cdr",
 *   password: "env:PBX1_SFTP_PASSWORD", path: "/var/log/asterisk/cdr-csv", format: "asterisk" }])
 */
export function parseUsageSources(raw: unknown, where = "usage_sources", env: NodeJS.ProcessEnv = process.env): UsageSourceConfig[] {
  if (raw === undefined || raw === null) return []
  if (!Array.isArray(raw)) throw invalid(`${where} must be a list of sources, got ${typeof raw}`)
  const out = raw.map((item, i) => parseSource(item, `${where}[${i}]`, env))
  const seen = new Set<string>()
  out.forEach((s, i) => {
    if (seen.has(s.name)) throw invalid(`${where}[${i}].name: "${s.name}" is used by another source`)
    seen.add(s.name)
  })
  return out
}

/**
 * The configured pull sources: the plugin's `usage_sources` option plus the
 * list in `CALL_BILLING_USAGE_SOURCES` (the app hosting this repository's
 * `src/` has no plugin entry, only the variable). Names must be unique across both.
 *
 * @example
 * const sources = readUsageSources(container) // [] when none are configured
 */
export function readUsageSources(container: MedusaContainer, env: NodeJS.ProcessEnv = process.env): UsageSourceConfig[] {
  const fromOptions = parseUsageSources(pluginOptions(container)?.usage_sources, "usage_sources", env)
  let fromEnv: UsageSourceConfig[] = []
  const json = env[USAGE_SOURCES_ENV]
  if (json && json.trim()) {
    let parsed: unknown
    try {
      parsed = JSON.parse(json)
    } catch (e: any) {
      throw invalid(`${USAGE_SOURCES_ENV} is not valid JSON: ${e.message}`)
    }
    fromEnv = parseUsageSources(parsed, USAGE_SOURCES_ENV, env)
  }
  const names = new Set(fromOptions.map((s) => s.name))
  fromEnv.forEach((s, i) => {
    if (names.has(s.name)) throw invalid(`${USAGE_SOURCES_ENV}[${i}].name: "${s.name}" is also in the plugin's usage_sources`)
  })
  return [...fromOptions, ...fromEnv]
}

function pluginOptions(container: MedusaContainer): Record<string, any> | undefined {
  let config: ConfigModule | undefined
  try {
    config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  } catch {
    return undefined
  }
  const entry = (config?.plugins ?? []).find(
    (p: any) => typeof p === "object" && p && typeof p.resolve === "string" && (p.resolve === PLUGIN_NAME || p.resolve.endsWith(`/${PLUGIN_NAME}`))
  ) as { options?: Record<string, any> } | undefined
  return entry?.options
}

function parseSource(item: unknown, at: string, env: NodeJS.ProcessEnv): UsageSourceConfig {
  if (!item || typeof item !== "object" || Array.isArray(item)) throw invalid(`${at} must be an object`)
  const o = item as Record<string, unknown>

  const str = (key: string, opts: { required?: string | false; def?: string | null } = {}): string | null => {
    let v = o[key]
    if (v === undefined || v === null || v === "") {
      if (opts.required) throw invalid(`${at}.${key}: required ${opts.required}`)
      return opts.def ?? null
    }
    if (typeof v === "number" && key !== "password") v = String(v)
    if (typeof v !== "string") throw invalid(`${at}.${key} must be a string`)
    if (v.startsWith(ENV_PREFIX)) {
      const name = v.slice(ENV_PREFIX.length)
      const value = env[name]
      if (value === undefined || value === "") throw invalid(`${at}.${key}: environment variable ${name} is not set`)
      return value
    }
    return v
  }
  const oneOf = <T extends string>(key: string, allowed: readonly T[], def?: T): T => {
    const v = str(key, { required: def === undefined ? "" : false, def }) as T
    if (!allowed.includes(v)) throw invalid(`${at}.${key} must be one of ${allowed.join(", ")}, got "${v}"`)
    return v
  }
  const num = (key: string, def: number, min: number, max: number): number => {
    const raw = o[key]
    if (raw === undefined || raw === null || raw === "") return def
    const v = typeof raw === "string" ? Number(str(key)) : raw
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      throw invalid(`${at}.${key} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`)
    }
    return v
  }

  const name = str("name", { required: "(a unique name for the source)" })!
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name)) throw invalid(`${at}.name must be letters, digits, ".", "_" or "-", got "${name}"`)
  const type = oneOf("type", ["sftp", "s3"] as const)
  const format = oneOf<UsageFileFormat>("format", USAGE_FILE_FORMATS, "generic")
  const timezone = str("timezone")
  if (timezone) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: timezone })
    } catch {
      throw invalid(`${at}.timezone: unknown time zone "${timezone}"`)
    }
  }
  const common = {
    name,
    source: str("source", { def: name })!,
    format,
    timezone,
    default_account: str("default_account"),
    pattern: str("pattern", { def: "*.csv" })!,
    after: oneOf("after", ["move", "mark"] as const, "move"),
    min_age_seconds: num("min_age_seconds", 30, 0, 86400),
  }

  if (type === "sftp") {
    const password = str("password")
    const private_key = str("private_key")
    if (!password && !private_key) throw invalid(`${at}: an sftp source needs a password or a private_key`)
    const path = trimSlash(str("path", { def: "." })!)
    return {
      ...common,
      type,
      host: str("host", { required: "for an sftp source" })!,
      port: num("port", 22, 1, 65535),
      username: str("username", { required: "for an sftp source" })!,
      password,
      private_key,
      passphrase: str("passphrase"),
      path,
      done_path: trimSlash(str("done_path", { def: path === "/" ? "/done" : `${path}/done` })!),
    }
  }

  const prefix = str("prefix", { def: "" })!
  if (prefix && !prefix.endsWith("/")) throw invalid(`${at}.prefix must end with "/" (a folder), got "${prefix}"`)
  const done_prefix = str("done_prefix", { def: `${prefix}done/` })!
  if (!done_prefix.endsWith("/")) throw invalid(`${at}.done_prefix must end with "/", got "${done_prefix}"`)
  const access_key_id = str("access_key_id")
  const secret_access_key = str("secret_access_key")
  if (!!access_key_id !== !!secret_access_key) throw invalid(`${at}: access_key_id and secret_access_key go together`)
  const endpoint = str("endpoint")
  if (endpoint && !/^https?:\/\/[^/]+/.test(endpoint)) throw invalid(`${at}.endpoint must be an http(s) URL, got "${endpoint}"`)
  const fps = o.force_path_style
  if (fps !== undefined && typeof fps !== "boolean") throw invalid(`${at}.force_path_style must be true or false`)
  return {
    ...common,
    type,
    bucket: str("bucket", { required: "for an s3 source" })!,
    prefix,
    done_prefix,
    endpoint,
    region: str("region", { def: "us-east-1" })!,
    access_key_id,
    secret_access_key,
    // S3-compatible servers (MinIO, Ceph) want http://host/bucket/key
    force_path_style: typeof fps === "boolean" ? fps : !!endpoint,
  }
}

const trimSlash = (p: string) => (p.length > 1 ? p.replace(/\/+$/, "") : p)
