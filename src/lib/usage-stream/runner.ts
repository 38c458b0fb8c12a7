import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { importUsageWorkflow } from "../../workflows/metering/workflows/import-usage"
import { streamImports } from "./messages"
import { RedisUsageStreamConsumer } from "./redis-consumer"
import type { UsageStreamConfig, UsageStreamHandler, UsageStreamMessage } from "./types"

/** What one batch became: one import job per source. */
export type StreamBatchResult = {
  source: string
  job_id: string
  received: number
  inserted: number
  duplicates: number
  exceptions: number
  messages: number
}

/**
 * Imports a batch of stream messages: one `importUsageWorkflow` run (channel
 * `stream`) per source in the batch, each rating and storing its records in
 * one transaction. Resolves after every import committed; throws if one
 * failed (the batch is then delivered again, and what did commit comes back
 * as duplicates).
 *
 * @example
 * const results = await importStreamMessages(container, messages, { stream: "cdrs", source: "pbx-1" })
 * // [{ source: "pbx-1", job_id: "…", received: 25, inserted: 21, duplicates: 0, exceptions: 4, messages: 25 }]
 */
export async function importStreamMessages(
  container: MedusaContainer,
  messages: UsageStreamMessage[],
  options: Pick<UsageStreamConfig, "stream" | "source">
): Promise<StreamBatchResult[]> {
  const results: StreamBatchResult[] = []
  for (const imp of streamImports(messages, options)) {
    if (!imp.calls.length && !imp.events.length) continue
    const ids = imp.message_ids
    const { result } = await importUsageWorkflow(container).run({
      input: {
        source: imp.source,
        channel: "stream",
        filename: options.stream,
        calls: imp.calls,
        events: imp.events,
        // lineage: the stream and the message ids the job's records came from
        request_id: `${options.stream}:${ids[0]}${ids.length > 1 ? `..${ids[ids.length - 1]}` : ""}`,
      },
    })
    results.push({
      source: imp.source,
      job_id: result.job_id,
      received: result.received,
      inserted: result.inserted,
      duplicates: result.duplicates,
      exceptions: result.exceptions,
      messages: ids.length,
    })
  }
  return results
}

/**
 * The handler a consumer runs: each batch imported (and committed) before
 * the consumer acknowledges it.
 *
 * @example
 * await consumer.start(usageStreamHandler(container, config))
 */
export function usageStreamHandler(
  container: MedusaContainer,
  config: Pick<UsageStreamConfig, "stream" | "source">,
  onBatch?: (results: StreamBatchResult[]) => void
): UsageStreamHandler {
  return async (messages) => {
    const results = await importStreamMessages(container, messages, config)
    onBatch?.(results)
  }
}

// One consumer per process: the scheduled job starts it once and it lives until the process ends.
let current: RedisUsageStreamConsumer | null = null
let starting: Promise<RedisUsageStreamConsumer> | null = null

/**
 * Starts this process's long-lived consumer of the usage stream, unless it
 * is already running; it stops when the process exits (what it had not
 * acknowledged is taken over by the next consumer).
 *
 * @example
 * const config = usageStreamConfig(pluginStreamOptions(container))
 * if (config) await startUsageStreamConsumer(container, config)
 */
export async function startUsageStreamConsumer(container: MedusaContainer, config: UsageStreamConfig): Promise<RedisUsageStreamConsumer> {
  if (current?.running) return current
  if (starting) return starting
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  starting = (async () => {
    const consumer = new RedisUsageStreamConsumer({ ...config, logger })
    const handler = usageStreamHandler(container, config, (results) => {
      for (const r of results) {
        logger.info(
          `call-billing: usage stream "${config.stream}" → job ${r.job_id} (${r.source}): ${r.messages} message(s), ${r.received} received, ${r.inserted} inserted, ${r.duplicates} duplicates, ${r.exceptions} exceptions`
        )
      }
    })
    await consumer.start(handler)
    current = consumer
    stopOnExit()
    logger.info(`call-billing: consuming usage stream "${config.stream}" as ${config.consumer} in group ${config.group}`)
    return consumer
  })()
  try {
    return await starting
  } finally {
    starting = null
  }
}

/** Stops this process's consumer (the batch in hand finishes and is acknowledged). */
export async function stopUsageStreamConsumer(): Promise<void> {
  const consumer = current
  current = null
  await consumer?.stop()
}

/** The running consumer of this process, if any. */
export function runningUsageStreamConsumer(): RedisUsageStreamConsumer | null {
  return current?.running ? current : null
}

let exitHooked = false
function stopOnExit() {
  if (exitHooked) return
  exitHooked = true
  // Medusa's own SIGTERM/SIGINT handler shuts down and exits; then the connections close here.
  process.once("exit", () => current?.disconnectNow())
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    // only beside an existing handler: a listener of our own would stop the default exit on the signal
    if (process.listenerCount(signal) > 0) process.once(signal, () => void stopUsageStreamConsumer().catch(() => {}))
  }
}
