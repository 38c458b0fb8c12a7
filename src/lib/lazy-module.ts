/**
 * A dependency loaded on first use instead of at boot. The SDKs behind
 * optional features (Xero, Stripe, PDFs, XLSX, SFTP and S3 pulls) add
 * ~80 MB of RSS and ~1 s to every process that loads the plugin, which a
 * deployment that never syncs to Xero, or a worker that only imports
 * usage, should not pay for.
 *
 * @example
 * const xeroNode = lazyModule(() => require("xero-node") as typeof import("xero-node"))
 * new (xeroNode().XeroClient)()
 */
export function lazyModule<T>(load: () => T): () => T {
  let loaded: T | undefined
  return () => (loaded ??= load())
}
