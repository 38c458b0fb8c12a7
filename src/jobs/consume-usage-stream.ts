import type { MedusaContainer } from "@medusajs/framework/types"
import { pluginStreamOptions, usageStreamConfig } from "../lib/usage-stream/config"
import { startUsageStreamConsumer } from "../lib/usage-stream/runner"

/**
 * Keeps the usage stream consumer running in this process: when a stream is
 * configured (plugin option `usage_stream.stream` or
 * `CALL_BILLING_USAGE_STREAM`) and no consumer runs here yet, starts the
 * long-lived loop; it lives until the process exits. Every minute, so a
 * consumer that could not connect (Redis down) is started again.
 */
export default async function consumeUsageStream(container: MedusaContainer) {
  const config = usageStreamConfig(pluginStreamOptions(container))
  if (!config) return
  await startUsageStreamConsumer(container, config)
}

export const config = {
  name: "call-billing-consume-usage-stream",
  schedule: "* * * * *",
}
