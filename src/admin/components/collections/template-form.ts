/**
 * The notification template drawer's model, pure. A template replaces the
 * built-in wording of one kind, for one issuing entity or (no entity) for
 * all; saving the same entity and kind again replaces it (the API upserts).
 */
import type { Problem } from "../billing/format"
import { NOTIFICATION_KINDS, type NotificationKind, type NotificationTemplate, type NotificationTemplateInput } from "./types"

export type TemplateForm = { entity_id: string; kind: NotificationKind; subject: string; body: string }

export const MAX_SUBJECT = 300
export const MAX_BODY = 20000

/**
 * A blank template of a kind, for every entity.
 *
 * @example
 * emptyTemplate("reminder") // { entity_id: "", kind: "reminder", subject: "", body: "" }
 */
export function emptyTemplate(kind: NotificationKind = "invoice_issued"): TemplateForm {
  return { entity_id: "", kind, subject: "", body: "" }
}

/**
 * A stored template as form text.
 *
 * @example
 * fromTemplate({ id: "bnt_1", entity_id: null, kind: "overdue", subject: "S", body: "B" }).entity_id // ""
 */
export function fromTemplate(t: NotificationTemplate): TemplateForm {
  return { entity_id: t.entity_id ?? "", kind: t.kind, subject: t.subject ?? "", body: t.body ?? "" }
}

/**
 * The server's checks with paths: a known kind, a subject of 1–300 and a
 * body of 1–20000 characters.
 *
 * @example
 * validateTemplate({ ...emptyTemplate(), subject: "Hi" }) // [{ path: "body", key: "required" }]
 */
export function validateTemplate(f: TemplateForm): Problem[] {
  const out: Problem[] = []
  if (!(NOTIFICATION_KINDS as readonly string[]).includes(f.kind)) out.push({ path: "kind", key: "required" })
  if (!f.subject.trim()) out.push({ path: "subject", key: "required" })
  else if (f.subject.length > MAX_SUBJECT) out.push({ path: "subject", key: "tooLong", values: { max: MAX_SUBJECT } })
  if (!f.body.trim()) out.push({ path: "body", key: "required" })
  else if (f.body.length > MAX_BODY) out.push({ path: "body", key: "tooLong", values: { max: MAX_BODY } })
  return out
}

/**
 * The body sent; no entity means every entity (`entity_id: null`). The text
 * is sent as typed (line breaks and spacing are the wording's own).
 *
 * @example
 * toTemplateInput({ entity_id: "", kind: "reminder", subject: "Due soon", body: "Pay {{amount_due}}" })
 * // { entity_id: null, kind: "reminder", subject: "Due soon", body: "Pay {{amount_due}}" }
 */
export function toTemplateInput(f: TemplateForm): NotificationTemplateInput {
  return { entity_id: f.entity_id.trim() || null, kind: f.kind, subject: f.subject, body: f.body }
}
