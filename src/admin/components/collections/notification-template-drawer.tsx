import { Button, Drawer, Heading, Input, Text, Textarea, toast } from "@medusajs/ui"
import { FormEvent, useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { useEntities } from "../../hooks/billing"
import { useSaveNotificationTemplate } from "../../hooks/collections"
import { toastError } from "../../lib/errors"
import { selectClass, type Problem } from "../billing/format"
import { placeholdersIn, unknownPlaceholders } from "./format"
import { emptyTemplate, fromTemplate, MAX_BODY, MAX_SUBJECT, toTemplateInput, validateTemplate, type TemplateForm } from "./template-form"
import { NOTIFICATION_KINDS, type BuiltInTemplates, type NotificationKind, type NotificationTemplate } from "./types"
import { Field, ProblemList } from "./ui"

type Props = {
  open: boolean
  onOpenChange: (open: boolean) => void
  template?: NotificationTemplate | null
  /** the kind a new template starts with */
  kind?: NotificationKind
  builtIn?: BuiltInTemplates
}

const k = "callBilling.collections.templates.form"
// names every notification fills, whatever its kind
const COMMON = ["account_name", "entity_name", "currency_code"]

/**
 * Create or edit the wording of one notification kind, for one issuing
 * entity or all; the built-in wording shows through as placeholder text.
 * The entity and kind of a saved template are fixed (saving another pair
 * makes another template).
 */
export const NotificationTemplateDrawer = ({ open, onOpenChange, template, kind, builtIn }: Props) => {
  const { t } = useTranslation()
  const [form, setForm] = useState<TemplateForm>(emptyTemplate(kind))
  const [problems, setProblems] = useState<Problem[]>([])
  const [submitted, setSubmitted] = useState(false)
  const save = useSaveNotificationTemplate()
  const entities = useEntities({ limit: 1000 })
  const editing = !!template

  useEffect(() => {
    if (open) {
      setForm(template ? fromTemplate(template) : emptyTemplate(kind))
      setProblems([])
      setSubmitted(false)
    }
  }, [open, template, kind])

  useEffect(() => {
    if (submitted) setProblems(validateTemplate(form))
  }, [form, submitted])

  const standard = builtIn?.[form.kind]
  const available = [...new Set([...placeholdersIn(standard?.subject, standard?.body), ...COMMON])]
  const unknown = unknownPlaceholders(form.subject, form.body, standard, COMMON)
  const braces = (names: string[]) => names.map((n) => `{{${n}}}`).join(", ")

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const found = validateTemplate(form)
    setProblems(found)
    setSubmitted(true)
    if (found.length) return
    try {
      await save.mutateAsync(toTemplateInput(form))
      toast.success(t(`${k}.saved`, { kind: t(`callBilling.collections.templates.kinds.${form.kind}`) }))
      onOpenChange(false)
    } catch (err) {
      toastError(err)
    }
  }

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <form onSubmit={submit} noValidate className="flex flex-1 flex-col overflow-hidden" data-testid="template-form">
          <Drawer.Header>
            <Drawer.Title asChild>
              <Heading>{t(editing ? `${k}.editTitle` : `${k}.createTitle`)}</Heading>
            </Drawer.Title>
            <Drawer.Description className="sr-only">{t(`${k}.description`)}</Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-1 flex-col gap-y-4 overflow-y-auto">
            <div className="grid grid-cols-2 gap-4">
              <Field label={t(`${k}.fields.entity_id`)} htmlFor="template-entity" hint={t(`${k}.entityHint`)}>
                <select id="template-entity" name="entity_id" className={selectClass} value={form.entity_id} disabled={editing} onChange={(e) => setForm({ ...form, entity_id: e.target.value })}>
                  <option value="">{t(`${k}.allEntities`)}</option>
                  {form.entity_id && !entities.data?.issuing_entities.some((x) => x.id === form.entity_id) && <option value={form.entity_id}>{form.entity_id}</option>}
                  {(entities.data?.issuing_entities ?? []).map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.code} – {x.legal_name}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t(`${k}.fields.kind`)} htmlFor="template-kind" problems={problems} path="kind">
                <select id="template-kind" name="kind" className={selectClass} value={form.kind} disabled={editing} onChange={(e) => setForm({ ...form, kind: e.target.value as NotificationKind })}>
                  {NOTIFICATION_KINDS.map((x) => (
                    <option key={x} value={x}>
                      {t(`callBilling.collections.templates.kinds.${x}`)}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <Field label={t(`${k}.fields.subject`)} htmlFor="template-subject" problems={problems} path="subject">
              <Input id="template-subject" name="subject" maxLength={MAX_SUBJECT} value={form.subject} placeholder={standard?.subject} onChange={(e) => setForm({ ...form, subject: e.target.value })} />
            </Field>
            <Field label={t(`${k}.fields.body`)} htmlFor="template-body" problems={problems} path="body">
              <Textarea id="template-body" name="body" rows={10} maxLength={MAX_BODY} value={form.body} placeholder={standard?.body} onChange={(e) => setForm({ ...form, body: e.target.value })} />
            </Field>
            {standard && (
              <div className="flex items-center justify-between gap-2">
                <Text size="xsmall" className="text-ui-fg-subtle" data-testid="template-placeholders">
                  {t(`${k}.placeholders`, { list: braces(available) })}
                </Text>
                <Button size="small" variant="transparent" type="button" onClick={() => setForm({ ...form, subject: standard.subject, body: standard.body })} data-testid="template-use-built-in">
                  {t(`${k}.useBuiltIn`)}
                </Button>
              </div>
            )}
            {unknown.length > 0 && (
              <Text size="xsmall" className="text-ui-fg-error" data-testid="template-unknown-placeholders">
                {t(`${k}.unknownPlaceholders`, { list: braces(unknown) })}
              </Text>
            )}
            <ProblemList problems={problems} testId="template-problems" label={(p) => t(`${k}.fields.${p}`, { defaultValue: p })} />
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                {t("billing.actions.cancel")}
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={save.isPending} data-testid="template-submit">
              {t("billing.actions.save")}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
