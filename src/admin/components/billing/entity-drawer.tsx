import { Button, Drawer, Heading, Input, Text, toast } from "@medusajs/ui"
import { FormEvent, useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { useSaveEntity } from "../../hooks/billing"
import { toastError } from "../../lib/errors"
import { ADDRESS_FIELDS, emptyEntity, fromEntity, toEntityInput, validateEntity, type EntityForm } from "./entity-form"
import type { Problem } from "./format"
import type { IssuingEntity } from "./types"
import { Field, ProblemList } from "./ui"

type Props = { open: boolean; onOpenChange: (open: boolean) => void; entity?: IssuingEntity | null }

const k = "billing.setup.entities.form"
const TEXT_FIELDS = ["code", "legal_name", "currency_code", "tax_id", "email", "invoice_prefix", "credit_note_prefix", "logo_url", "primary_color", "accent_color"] as const
const SHORT = new Set(["currency_code", "invoice_prefix", "credit_note_prefix", "primary_color", "accent_color", "tax_id"])
const PLACEHOLDER: Partial<Record<(typeof TEXT_FIELDS)[number], string>> = {
  code: "main",
  legal_name: "Call Centre Ltd",
  currency_code: "USD",
  email: "billing@example.com",
  logo_url: "https://cdn.example.com/logo.png",
  primary_color: "#1f2937",
  accent_color: "#2563eb",
}

/** Create or edit the company that issues invoices: legal name, address, numbering prefixes, branding. */
export const EntityDrawer = ({ open, onOpenChange, entity }: Props) => {
  const { t } = useTranslation()
  const [form, setForm] = useState<EntityForm>(emptyEntity())
  const [problems, setProblems] = useState<Problem[]>([])
  // after a first submit, problems follow the form as it is corrected
  const [submitted, setSubmitted] = useState(false)
  const save = useSaveEntity(entity?.id)

  useEffect(() => {
    if (open) {
      setForm(entity ? fromEntity(entity) : emptyEntity())
      setProblems([])
      setSubmitted(false)
    }
  }, [open, entity])

  useEffect(() => {
    if (submitted) setProblems(validateEntity(form))
  }, [form, submitted])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const found = validateEntity(form)
    setProblems(found)
    setSubmitted(true)
    if (found.length) return
    try {
      const { issuing_entity } = await save.mutateAsync(toEntityInput(form))
      toast.success(t(entity ? `${k}.updated` : `${k}.created`, { code: issuing_entity?.code ?? form.code }))
      onOpenChange(false)
    } catch (err) {
      toastError(err)
    }
  }

  const label = (path: string) => (path.startsWith("address.") ? t(`billing.address.${path.slice(8)}`) : t(`${k}.fields.${path}`, { defaultValue: path }))

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <form onSubmit={submit} noValidate className="flex flex-1 flex-col overflow-hidden" data-testid="entity-form">
          <Drawer.Header>
            <Drawer.Title asChild>
              <Heading>{t(entity ? `${k}.editTitle` : `${k}.createTitle`)}</Heading>
            </Drawer.Title>
            <Drawer.Description className="sr-only">{t(`${k}.description`)}</Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-1 flex-col gap-y-4 overflow-y-auto">
            <div className="grid grid-cols-2 gap-4">
              {TEXT_FIELDS.map((f) => (
                <Field key={f} label={t(`${k}.fields.${f}`)} htmlFor={`entity-${f}`} problems={problems} path={f} className={SHORT.has(f) ? "col-span-1" : "col-span-2"}>
                  <Input
                    id={`entity-${f}`}
                    name={f}
                    value={form[f]}
                    placeholder={PLACEHOLDER[f]}
                    onChange={(e) => setForm({ ...form, [f]: f.endsWith("_prefix") || f === "currency_code" ? e.target.value.toUpperCase() : e.target.value })}
                  />
                </Field>
              ))}
            </div>
            <Text size="small" weight="plus">
              {t(`${k}.address`)}
            </Text>
            <div className="grid grid-cols-2 gap-4">
              {ADDRESS_FIELDS.map((f) => (
                <Field key={f} label={t(`billing.address.${f}`)} htmlFor={`entity-address-${f}`} problems={problems} path={`address.${f}`}>
                  <Input
                    id={`entity-address-${f}`}
                    name={`address.${f}`}
                    value={form.address[f]}
                    onChange={(e) => setForm({ ...form, address: { ...form.address, [f]: e.target.value } })}
                  />
                </Field>
              ))}
            </div>
            <ProblemList problems={problems} testId="entity-form-problems" label={label} />
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                {t("billing.actions.cancel")}
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={save.isPending} data-testid="entity-form-submit">
              {t("billing.actions.save")}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
