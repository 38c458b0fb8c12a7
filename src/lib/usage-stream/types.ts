/**
 * A stream of usage messages (Redis Streams here; Kafka or any log with
 * consumer groups and per-message acknowledgement would implement the same
 * contract). Delivery is at least once: a batch is acknowledged only after
 * its handler resolved, i.e. after the import committed, so a crash hands
 * the batch to another consumer and the natural-key dedupe absorbs it.
 */

/** One stream message: its id in the stream and its fields (all strings). */
export type UsageStreamMessage = {
  id: string
  body: Record<string, string>
}

/**
 * Receives a batch of messages and resolves once their records are
 * committed; the consumer acknowledges the batch only then. A rejection
 * leaves the batch unacknowledged, to be delivered again.
 */
export type UsageStreamHandler = (messages: UsageStreamMessage[]) => Promise<void>

/**
 * A long-lived consumer of usage messages.
 *
 * @example
 * const consumer: UsageStreamConsumer = new RedisUsageStreamConsumer({ stream: "cdrs", group: "call-billing" })
 * await consumer.start(async (messages) => { await importMessages(messages) })
 * // … on shutdown
 * await consumer.stop()
 */
export interface UsageStreamConsumer {
  /**
   * Connects, first takes over what an earlier consumer left unacknowledged,
   * then keeps delivering batches to `handler` in the background until
   * `stop()`. Resolves once the consumer is running.
   */
  start(handler: UsageStreamHandler): Promise<void>
  /** Stops reading, lets the batch in hand finish (and be acknowledged), and disconnects. */
  stop(): Promise<void>
}

/** Where and how the consumer reads; plugin options or environment (see `usageStreamConfig`). */
export type UsageStreamConfig = {
  /** the stream key */
  stream: string
  /** consumer group; default `call-billing` */
  group: string
  /** this consumer's name in the group; default `<hostname>-<pid>` */
  consumer: string
  /** default `redis://127.0.0.1:6379` */
  redis_url: string
  /** source (dedupe namespace) of messages that name none; default the stream key */
  source: string
  /** messages read at once, one import per batch (and source); default 1000 */
  batch_size: number
  /** how long one read waits for new messages (ms); default 5000 */
  block_ms: number
  /** a message unacknowledged this long (ms) belongs to a dead consumer and is taken over; default 60000 */
  min_idle_ms: number
  /** wait after a failed batch before it is tried again (ms); default 5000 */
  retry_delay_ms: number
}
