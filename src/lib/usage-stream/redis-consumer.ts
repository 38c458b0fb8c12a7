import os from "os"
import Redis from "ioredis"
import type { UsageStreamConfig, UsageStreamConsumer, UsageStreamHandler, UsageStreamMessage } from "./types"

type Logger = { info(msg: string): void; warn(msg: string): void; error(msg: string, e?: unknown): void }

export type RedisUsageStreamConsumerOptions = Pick<UsageStreamConfig, "stream"> &
  Partial<Omit<UsageStreamConfig, "stream" | "source">> & { logger?: Logger }

/** `<hostname>-<pid>`: a restarted process is a new consumer, and takes over the old one's messages once they are stale. */
export function defaultConsumerName(): string {
  return `${os.hostname()}-${process.pid}`
}

type Entry = [id: string, fields: string[] | null]

/**
 * Usage messages from a Redis stream through a consumer group, at least
 * once: a batch is acknowledged (XACK) only after the handler resolved, i.e.
 * after its import committed. On start, and every `min_idle_ms` after, the
 * consumer first re-reads its own unacknowledged messages and takes over
 * (XAUTOCLAIM) those another consumer left idle longer than `min_idle_ms` —
 * a crashed process's batch is imported again and its duplicates absorbed by
 * the (source, call id) dedupe. A failed batch stays pending and is retried
 * after `retry_delay_ms`.
 *
 * @example
 * const consumer = new RedisUsageStreamConsumer({ stream: "cdrs", group: "call-billing", redis_url: "redis://127.0.0.1:6379" })
 * await consumer.start(async (messages) => { await importMessages(messages) })
 * await consumer.stop()
 */
export class RedisUsageStreamConsumer implements UsageStreamConsumer {
  readonly stream: string
  readonly group: string
  readonly consumer: string
  private readonly redisUrl: string
  private readonly batchSize: number
  private readonly blockMs: number
  private readonly minIdleMs: number
  private readonly retryDelayMs: number
  private readonly logger?: Logger
  /** commands and acknowledgements */
  private client: Redis | null = null
  /** the blocking read: its own connection, so stop() can cut a wait short */
  private reader: Redis | null = null
  private loop: Promise<void> | null = null
  private stopping = false
  private wake: (() => void) | null = null

  constructor(options: RedisUsageStreamConsumerOptions) {
    this.stream = options.stream
    this.group = options.group ?? "call-billing"
    this.consumer = options.consumer ?? defaultConsumerName()
    this.redisUrl = options.redis_url ?? "redis://127.0.0.1:6379"
    this.batchSize = options.batch_size ?? 1000
    this.blockMs = options.block_ms ?? 5000
    this.minIdleMs = options.min_idle_ms ?? 60_000
    this.retryDelayMs = options.retry_delay_ms ?? 5000
    this.logger = options.logger
  }

  get running(): boolean {
    return this.loop !== null
  }

  /** Connects and creates the group (from the stream's start, so messages written before the first start are read too). */
  async connect(): Promise<void> {
    if (this.client) return
    const client = new Redis(this.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 })
    const reader = new Redis(this.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 })
    // errors surface through the commands; without a listener ioredis prints each reconnect attempt
    client.on("error", () => {})
    reader.on("error", () => {})
    try {
      await client.connect()
      await reader.connect()
      await client.xgroup("CREATE", this.stream, this.group, "0", "MKSTREAM").catch((e: Error) => {
        if (!/BUSYGROUP/.test(e.message)) throw e
      })
    } catch (e) {
      client.disconnect()
      reader.disconnect()
      throw e
    }
    this.client = client
    this.reader = reader
  }

  async start(handler: UsageStreamHandler): Promise<void> {
    if (this.loop) return
    await this.connect()
    this.stopping = false
    this.loop = this.run(handler).finally(() => {
      this.loop = null
    })
  }

  async stop(): Promise<void> {
    this.stopping = true
    this.wake?.()
    // cut a blocking read short; the batch in hand still finishes and is acknowledged on `client`
    this.reader?.disconnect()
    await this.loop?.catch(() => {})
    this.reader = null
    const client = this.client
    this.client = null
    await client?.quit().catch(() => client.disconnect())
  }

  /** Ends the connections at once (process exit): unacknowledged messages are delivered again later. */
  disconnectNow(): void {
    this.stopping = true
    this.reader?.disconnect()
    this.client?.disconnect()
  }

  private async run(handler: UsageStreamHandler): Promise<void> {
    let nextRecovery = 0
    while (!this.stopping) {
      try {
        if (Date.now() >= nextRecovery) {
          await this.recover(handler)
          nextRecovery = Date.now() + this.minIdleMs
        }
        if (this.stopping) break
        await this.poll(handler)
      } catch (e) {
        if (this.stopping) break
        this.logger?.error(`call-billing: usage stream "${this.stream}": ${(e as Error)?.message ?? e}; retrying in ${this.retryDelayMs} ms`, e)
        // what failed is still pending for this consumer: recover() reads it again
        nextRecovery = 0
        await this.sleep(this.retryDelayMs)
      }
    }
  }

  /**
   * Delivers what is owed: this consumer's own unacknowledged messages, then
   * messages other consumers have left idle for `min_idle_ms`, taken over
   * with XAUTOCLAIM. Returns how many messages were handled.
   */
  async recover(handler: UsageStreamHandler, minIdleMs = this.minIdleMs): Promise<number> {
    const client = this.requireClient()
    let handled = 0
    // own pending first (a failed batch, or a restart under the same name)
    for (;;) {
      const res = (await client.xreadgroup(
        "GROUP", this.group, this.consumer, "COUNT", this.batchSize, "STREAMS", this.stream, "0"
      )) as [string, Entry[]][] | null
      const entries = res?.[0]?.[1] ?? []
      if (!entries.length) break
      handled += await this.deliver(entries, handler)
      if (this.stopping) return handled
    }
    let cursor = "0-0"
    do {
      const [next, entries] = (await client.xautoclaim(
        this.stream, this.group, this.consumer, minIdleMs, cursor, "COUNT", this.batchSize
      )) as [string, Entry[], string[]?]
      cursor = next
      if (entries.length) handled += await this.deliver(entries, handler)
      if (this.stopping) return handled
    } while (cursor !== "0-0")
    if (handled) this.logger?.info(`call-billing: usage stream "${this.stream}": took over ${handled} unacknowledged message(s)`)
    return handled
  }

  /**
   * Reads the next batch of new messages (waiting up to `blockMs` for one),
   * hands it to the handler and acknowledges it. Returns how many were handled.
   */
  async poll(handler: UsageStreamHandler, blockMs = this.blockMs): Promise<number> {
    const reader = this.reader
    if (!reader) throw new Error("the usage stream consumer is not connected")
    const res = (await reader.xreadgroup(
      "GROUP", this.group, this.consumer, "COUNT", this.batchSize, "BLOCK", blockMs, "STREAMS", this.stream, ">"
    )) as [string, Entry[]][] | null
    const entries = res?.[0]?.[1] ?? []
    return entries.length ? this.deliver(entries, handler) : 0
  }

  /** Hands entries to the handler; acknowledges them once it resolved (after the commit). */
  private async deliver(entries: Entry[], handler: UsageStreamHandler): Promise<number> {
    const messages: UsageStreamMessage[] = []
    const gone: string[] = []
    for (const [id, fields] of entries) {
      // an entry deleted (XDEL, trimmed) while pending has no fields left: nothing to import
      if (!fields) {
        gone.push(id)
        continue
      }
      const body: Record<string, string> = {}
      for (let i = 0; i + 1 < fields.length; i += 2) body[fields[i]] = fields[i + 1]
      messages.push({ id, body })
    }
    if (gone.length) this.logger?.warn(`call-billing: usage stream "${this.stream}": ${gone.length} pending message(s) were deleted before they were read: ${gone.slice(0, 10).join(", ")}`)
    if (messages.length) await handler(messages)
    const ids = entries.map(([id]) => id)
    await this.requireClient().xack(this.stream, this.group, ...ids)
    return messages.length
  }

  private requireClient(): Redis {
    if (!this.client) throw new Error("the usage stream consumer is not connected")
    return this.client
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const t = setTimeout(done, ms)
      function done() {
        clearTimeout(t)
        resolve()
      }
      this.wake = done
    }).then(() => {
      this.wake = null
    })
  }
}
