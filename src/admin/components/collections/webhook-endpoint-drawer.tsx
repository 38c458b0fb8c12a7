import { Alert, Button, Checkbox, Copy, Drawer, Heading, Input, Label, Text, Textarea, toast } from "@medusajs/ui"
import { FormEvent, useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { useCreateWebhookEndpoint, useUpdateWebhookEndpoint } from "../../hooks/collections"
import { toastError } from "../../lib/errors"
import type { Problem } from "../billing/format"
import { WEBHOOK_EVENTS, type WebhookEndpoint } from "./types"
import { Field, ProblemList } from "./ui"
import { emptyEndpoint, fromEndpoint, MAX_DESCRIPTION, toEndpointInput, toggleEvent, validateEndpoint, type EndpointForm } from "./webhook-form"

type Props = {
  open: boolean
  onOpenChange: (open: boolean) => void
  endpoint?: WebhookEndpoint | null
  /** after a creation, with the new endpoint (e.g. to select it) */
  onCreated?: (endpoint: WebhookEndpoint) => void
}

const k = "callBilling.webhooks.form"

/**
 * Create or edit a webhook endpoint: URL, description, the events it
 * receives, active. After a creation the drawer shows the signing secret,
 * once: it cannot be read again.
 */
export const WebhookEndpointDrawer = ({ open, onOpenChange, endpoint, onCreated }: Props) => {
  const { t } = useTranslation()
  const [form, setForm] = useState<EndpointForm>(emptyEndpoint())
  const [problems, setProblems] = useState<Problem[]>([])
  const [submitted, setSubmitted] = useState(false)
  const [secret, setSecret] = useState<string | null>(null)
  const create = useCreateWebhookEndpoint()
  const update = useUpdateWebhookEndpoint(endpoint?.id ?? "")
  const editing = !!endpoint

  useEffect(() => {
    if (open) {
      setForm(endpoint ? fromEndpoint(endpoint) : emptyEndpoint())
      setProblems([])
      setSubmitted(false)
      setSecret(null)
    }
  }, [open, endpoint])

  useEffect(() => {
    if (submitted) setProblems(validateEndpoint(form))
  }, [form, submitted])

  // the secret lives only in this drawer's state: closing forgets it
  const close = (o: boolean) => {
    if (!o) setSecret(null)
    onOpenChange(o)
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const found = validateEndpoint(form)
    setProblems(found)
    setSubmitted(true)
    if (found.length) return
    try {
      if (editing) {
        await update.mutateAsync(toEndpointInput(form))
        toast.success(t(`${k}.updated`))
        close(false)
      } else {
        const { webhook_endpoint } = await create.mutateAsync(toEndpointInput(form))
        const { secret: created, ...rest } = webhook_endpoint
        toast.success(t(`${k}.created`))
        setSecret(created ?? "")
        onCreated?.(rest)
      }
    } catch (err) {
      toastError(err)
    }
  }

  if (secret !== null) {
    return (
      <Drawer open={open} onOpenChange={close}>
        <Drawer.Content>
          <Drawer.Header>
            <Drawer.Title asChild>
              <Heading>{t(`${k}.secretTitle`)}</Heading>
            </Drawer.Title>
            <Drawer.Description className="sr-only">{t(`${k}.secretWarning`)}</Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-1 flex-col gap-y-4 overflow-y-auto" data-testid="webhook-secret">
            <Alert variant="warning" data-testid="webhook-secret-warning">
              {t(`${k}.secretWarning`)}
            </Alert>
            <div className="flex flex-col gap-y-1">
              <Label size="xsmall" weight="plus" htmlFor="webhook-secret">
                {t(`${k}.secret`)}
              </Label>
              <div className="flex items-center gap-x-2">
                <div className="flex-1">
                  <Input id="webhook-secret" readOnly value={secret} className="font-mono" onFocus={(e) => e.currentTarget.select()} data-testid="webhook-secret-value" />
                </div>
                <Copy content={secret} data-testid="webhook-secret-copy" />
              </div>
              <Text size="xsmall" className="text-ui-fg-subtle">
                {t(`${k}.secretHint`)}
              </Text>
            </div>
          </Drawer.Body>
          <Drawer.Footer>
            <Button size="small" type="button" onClick={() => close(false)} data-testid="webhook-secret-done">
              {t(`${k}.secretDone`)}
            </Button>
          </Drawer.Footer>
        </Drawer.Content>
      </Drawer>
    )
  }

  return (
    <Drawer open={open} onOpenChange={close}>
      <Drawer.Content>
        <form onSubmit={submit} noValidate className="flex flex-1 flex-col overflow-hidden" data-testid="webhook-form">
          <Drawer.Header>
            <Drawer.Title asChild>
              <Heading>{t(editing ? `${k}.editTitle` : `${k}.createTitle`)}</Heading>
            </Drawer.Title>
            <Drawer.Description className="sr-only">{t(`${k}.description`)}</Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-1 flex-col gap-y-4 overflow-y-auto">
            <Field label={t(`${k}.fields.url`)} htmlFor="webhook-url" problems={problems} path="url">
              <Input id="webhook-url" name="url" type="url" value={form.url} placeholder="https://example.com/webhooks/call-billing" onChange={(e) => setForm({ ...form, url: e.target.value })} />
            </Field>
            <Field label={t(`${k}.fields.description`)} htmlFor="webhook-description" problems={problems} path="description">
              <Textarea id="webhook-description" name="description" rows={2} maxLength={MAX_DESCRIPTION} value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />
            </Field>
            <Field label={t(`${k}.fields.events`)} problems={problems} path="events">
              <div className="flex flex-col gap-y-2" data-testid="webhook-events">
                {WEBHOOK_EVENTS.map((ev) => (
                  <div key={ev} className="flex items-start gap-x-2">
                    <Checkbox id={`webhook-event-${ev}`} checked={form.events.includes(ev)} onCheckedChange={(v) => setForm({ ...form, events: toggleEvent(form.events, ev, v === true) })} data-testid={`webhook-event-${ev}`} />
                    <div className="flex flex-col">
                      <Label size="small" htmlFor={`webhook-event-${ev}`} className="font-mono">
                        {ev}
                      </Label>
                      <Text size="xsmall" className="text-ui-fg-subtle">
                        {t(`callBilling.webhooks.events.${ev.replace(/\./g, "_")}`)}
                      </Text>
                    </div>
                  </div>
                ))}
              </div>
            </Field>
            <label className="txt-compact-small flex items-center gap-x-2">
              <input type="checkbox" name="active" checked={form.active} onChange={(e) => setForm({ ...form, active: e.target.checked })} data-testid="webhook-active" />
              {t(`${k}.fields.active`)}
            </label>
            <ProblemList problems={problems} testId="webhook-problems" label={(p) => t(`${k}.fields.${p}`, { defaultValue: p })} />
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                {t("billing.actions.cancel")}
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={create.isPending || update.isPending} data-testid="webhook-submit">
              {t(editing ? "billing.actions.save" : `${k}.create`)}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
