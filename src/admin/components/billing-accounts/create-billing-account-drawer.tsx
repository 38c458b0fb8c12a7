import { Button, Drawer, Input, Label, toast } from "@medusajs/ui"
import { FormEvent, ReactNode, useState } from "react"
import { useTranslation } from "react-i18next"
import { useCreateBillingAccount } from "../../hooks/billing-accounts"
import { toastError } from "../../lib/errors"
import type { BillingAccount } from "../../lib/types"
import { AccountFormValues, emptyAccount, toAccountInput, validateAccount } from "./account-form"

type Props = {
  /** link the new account to this customer */
  customerId?: string
  defaults?: Partial<AccountFormValues>
  trigger?: ReactNode
  triggerTestId?: string
  onCreated?: (account: BillingAccount) => void
}

const FIELDS: Array<{ key: keyof AccountFormValues; placeholder?: string; short?: boolean }> = [
  { key: "code", placeholder: "ACME" },
  { key: "name", placeholder: "Acme Contact Centre" },
  { key: "email", placeholder: "billing@acme.test" },
  { key: "currency_code", placeholder: "GBP", short: true },
  { key: "timezone", placeholder: "Europe/London" },
  { key: "country_code", placeholder: "44", short: true },
  { key: "international_prefix", placeholder: "00", short: true },
  { key: "trunk_prefix", placeholder: "0", short: true },
]

/** Creates a billing account; used by the accounts list and the customer widget. */
export const CreateBillingAccountDrawer = ({ customerId, defaults, trigger, triggerTestId, onCreated }: Props) => {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [form, setForm] = useState<AccountFormValues>({ ...emptyAccount, ...defaults })
  const [errors, setErrors] = useState<string[]>([])
  const create = useCreateBillingAccount()

  const onOpenChange = (o: boolean) => {
    if (o) {
      setForm({ ...emptyAccount, ...defaults })
      setErrors([])
    }
    setOpen(o)
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const found = validateAccount(form)
    setErrors(found)
    if (found.length) {
      toast.error(found[0])
      return
    }
    try {
      const { billing_account } = await create.mutateAsync(toAccountInput(form, customerId))
      toast.success(t("callBilling.billingAccounts.created", { code: billing_account.code }))
      setOpen(false)
      onCreated?.(billing_account)
    } catch (err) {
      toastError(err)
    }
  }

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Trigger asChild>
        {trigger ?? (
          <Button size="small" variant="secondary" data-testid={triggerTestId ?? "billing-account-create"}>
            {t("callBilling.billingAccounts.create")}
          </Button>
        )}
      </Drawer.Trigger>
      <Drawer.Content>
        <form onSubmit={submit} className="flex flex-1 flex-col overflow-hidden" data-testid="billing-account-form">
          <Drawer.Header>
            <Drawer.Title>{t("callBilling.billingAccounts.create")}</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
            <div className="grid grid-cols-2 gap-4">
              {FIELDS.map((f) => (
                <div key={f.key} className={f.short ? "col-span-1" : "col-span-2"}>
                  <Label size="small" htmlFor={`ba-${f.key}`}>
                    {t(`callBilling.billingAccounts.fields.${f.key}`)}
                  </Label>
                  <Input
                    id={`ba-${f.key}`}
                    name={f.key}
                    value={form[f.key]}
                    placeholder={f.placeholder}
                    onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
                  />
                </div>
              ))}
            </div>
            {errors.length > 0 && (
              <ul className="text-ui-fg-error txt-small">
                {errors.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            )}
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                {t("callBilling.billingAccounts.cancel")}
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={create.isPending} data-testid="billing-account-create-submit">
              {t("callBilling.billingAccounts.create")}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
