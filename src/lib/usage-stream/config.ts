import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { defaultConsumerName } from "./redis-consumer"
import type { UsageStreamConfig } from "./types"

/** The package name under which a Medusa app lists the plugin. */
const PLUGIN_NAME = "call-billing"

/**
 * The usage stream's settings: plugin option `usage_stream` first, then the
 * environment; `null` when no stream key is set (the consumer stays off).
 *
 * | option           | environment                               | default                  |
 * | ---------------- | ----------------------------------------- | ------------------------ |
 * | `stream`         | `CALL_BILLING_USAGE_STREAM`               | — (off)                  |
 * | `group`          | `CALL_BILLING_USAGE_STREAM_GROUP`         | `call-billing`           |
 * | `consumer`       | `CALL_BILLING_USAGE_STREAM_CONSUMER`      | `<hostname>-<pid>`       |
 * | `redis_url`      | `CALL_BILLING_USAGE_STREAM_REDIS_URL`     | `redis://127.0.0.1:6379` |
 * | `source`         | `CALL_BILLING_USAGE_STREAM_SOURCE`        | the stream key           |
 * | `batch_size`     | `CALL_BILLING_USAGE_STREAM_BATCH_SIZE`    | 1000                     |
 * | `block_ms`       | `CALL_BILLING_USAGE_STREAM_BLOCK_MS`      | 5000                     |
 * | `min_idle_ms`    | `CALL_BILLING_USAGE_STREAM_MIN_IDLE_MS`   | 60000                    |
 * | `retry_delay_ms` | `CALL_BILLING_USAGE_STREAM_RETRY_DELAY_MS`| 5000                     |
 *
 * @example
 * // medusa-config.ts
 * plugins: [{ resolve: "call-billing", options: { usage_stream: { stream: "cdrs", source: "pbx-1" } } }]
 */
export function usageStreamConfig(
  options: Partial<Record<keyof UsageStreamConfig, unknown>> = {},
  env: NodeJS.ProcessEnv = process.env
): UsageStreamConfig | null {
  const pick = (name: keyof UsageStreamConfig): string | undefined => {
    const v = options[name] ?? env[`CALL_BILLING_USAGE_STREAM${name === "stream" ? "" : `_${name.toUpperCase()}`}`]
    const s = v === undefined || v === null ? "" : String(v).trim()
    return s || undefined
  }
  const int = (name: keyof UsageStreamConfig, fallback: number, min: number): number => {
    const v = pick(name)
    if (v === undefined) return fallback
    const n = Number(v)
    if (!Number.isInteger(n) || n < min) throw new Error(`call-billing usage stream: ${name} must be a whole number ≥ ${min}, got "${v}"`)
    return n
  }
  const stream = pick("stream")
  if (!stream) return null
  return {
    stream,
    group: pick("group") ?? "call-billing",
    consumer: pick("consumer") ?? defaultConsumerName(),
    redis_url: pick("redis_url") ?? "redis://127.0.0.1:6379",
    source: pick("source") ?? stream,
    batch_size: int("batch_size", 1000, 1),
    block_ms: int("block_ms", 5000, 1),
    min_idle_ms: int("min_idle_ms", 60_000, 0),
    retry_delay_ms: int("retry_delay_ms", 5000, 0),
  }
}

/**
 * The `usage_stream` options this plugin was registered with in the app's
 * `medusa-config` (none when the plugin's own `src/` is the app).
 */
export function pluginStreamOptions(container: MedusaContainer): Record<string, unknown> {
  try {
    const configModule = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE) as any
    for (const p of configModule?.plugins ?? []) {
      if (typeof p === "object" && p && String(p.resolve) === PLUGIN_NAME) {
        const o = p.options?.usage_stream
        return o && typeof o === "object" ? o : {}
      }
    }
  } catch {
    // no config module registered: environment only
  }
  return {}
}
