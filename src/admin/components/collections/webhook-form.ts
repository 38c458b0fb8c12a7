/**
 * The webhook endpoint drawer's model, pure: the server's checks
 * (webhook-endpoints/validators.ts) with paths, and the body sent.
 */
import type { Problem } from "../billing/format"
import { WEBHOOK_EVENTS, type WebhookEndpoint, type WebhookEndpointInput } from "./types"

export type EndpointForm = { url: string; description: string; events: string[]; active: boolean }

export const MAX_URL = 2048
export const MAX_DESCRIPTION = 500

/**
 * A new active endpoint with no events chosen.
 *
 * @example
 * emptyEndpoint().active // true
 */
export function emptyEndpoint(): EndpointForm {
  return { url: "", description: "", events: [], active: true }
}

/**
 * A stored endpoint as form values.
 *
 * @example
 * fromEndpoint(endpoint).events // ["invoice.paid"]
 */
export function fromEndpoint(e: WebhookEndpoint): EndpointForm {
  return { url: e.url ?? "", description: e.description ?? "", events: [...(e.events ?? [])], active: e.active !== false }
}

/**
 * True for an absolute http(s) URL with a host, as the server accepts it.
 *
 * @example
 * isHttpUrl("ftp://example.com") // false
 */
export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value.trim())
    return (u.protocol === "http:" || u.protocol === "https:") && !!u.hostname
  } catch {
    return false
  }
}

/**
 * Adds or removes one event, keeping the list in the order events are offered.
 *
 * @example
 * toggleEvent(["invoice.paid"], "invoice.finalized", true) // ["invoice.finalized", "invoice.paid"]
 */
export function toggleEvent(events: string[], event: string, on: boolean): string[] {
  const set = new Set(events)
  if (on) set.add(event)
  else set.delete(event)
  const known = WEBHOOK_EVENTS.filter((e) => set.has(e))
  // an event this admin does not know yet (a newer server) stays as it was
  const other = events.filter((e) => set.has(e) && !(WEBHOOK_EVENTS as readonly string[]).includes(e))
  return [...known, ...other]
}

/**
 * The server's checks with paths: an http(s) URL of at most 2048
 * characters, a description of at most 500, at least one known event.
 *
 * @example
 * validateEndpoint({ ...emptyEndpoint(), url: "https://example.com/hooks" }) // [{ path: "events", key: "eventsRequired" }]
 */
export function validateEndpoint(f: EndpointForm): Problem[] {
  const out: Problem[] = []
  const url = f.url.trim()
  if (!url) out.push({ path: "url", key: "required" })
  else if (url.length > MAX_URL) out.push({ path: "url", key: "tooLong", values: { max: MAX_URL } })
  else if (!isHttpUrl(url)) out.push({ path: "url", key: "url" })
  if (f.description.trim().length > MAX_DESCRIPTION) out.push({ path: "description", key: "tooLong", values: { max: MAX_DESCRIPTION } })
  if (!f.events.length) out.push({ path: "events", key: "eventsRequired" })
  else if (f.events.some((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e))) out.push({ path: "events", key: "unknownEvent" })
  return out
}

/**
 * The body sent, on creation and on an update alike (no description is `null`).
 *
 * @example
 * toEndpointInput({ url: " https://example.com/h ", description: "", events: ["invoice.paid"], active: true })
 * // { url: "https://example.com/h", description: null, events: ["invoice.paid"], active: true }
 */
export function toEndpointInput(f: EndpointForm): WebhookEndpointInput {
  return { url: f.url.trim(), description: f.description.trim() || null, events: [...new Set(f.events)], active: f.active }
}
