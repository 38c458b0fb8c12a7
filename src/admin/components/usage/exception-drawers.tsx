import { Button, Checkbox, Drawer, Input, Label, Text, Textarea } from "@medusajs/ui"
import { FormEvent, useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { useBillingAccounts } from "../../hooks/billing-accounts"
import { selectClass } from "./format"

type Common = { open: boolean; onOpenChange: (open: boolean) => void; busy: boolean; scope: string }

/** Ignore the chosen exceptions; a note (why) is required. */
export const IgnoreDrawer = ({ open, onOpenChange, busy, scope, onSubmit }: Common & { onSubmit: (note: string) => void }) => {
  const { t } = useTranslation()
  const k = "callBilling.exceptions.ignore"
  const [note, setNote] = useState("")
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    if (open) {
      setNote("")
      setProblem(null)
    }
  }, [open])
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!note.trim()) return setProblem(t(`${k}.noteRequired`))
    onSubmit(note.trim())
  }
  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <form onSubmit={submit} className="flex flex-1 flex-col overflow-hidden" data-testid="exceptions-ignore-form" noValidate>
          <Drawer.Header>
            <Drawer.Title>{t(`${k}.title`)}</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-3 overflow-y-auto">
            <Text size="small" className="text-ui-fg-subtle">
              {t(`${k}.description`, { scope })}
            </Text>
            <div className="flex flex-col gap-y-1">
              <Label size="small" htmlFor="exceptions-ignore-note">
                {t(`${k}.note`)}
              </Label>
              <Textarea id="exceptions-ignore-note" name="note" rows={4} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t(`${k}.notePlaceholder`)} />
              {problem && (
                <Text size="xsmall" className="text-ui-fg-error" data-testid="exceptions-ignore-error">
                  {problem}
                </Text>
              )}
            </div>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                {t("callBilling.exceptions.actions.cancel")}
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={busy} data-testid="exceptions-ignore-submit">
              {t(`${k}.submit`)}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}

/** Give the chosen exceptions an account (by code) and reprocess them. */
export const AssignAccountDrawer = ({
  open,
  onOpenChange,
  busy,
  scope,
  onSubmit,
}: Common & { onSubmit: (v: { account_code: string; accept_out_of_policy: boolean }) => void }) => {
  const { t } = useTranslation()
  const k = "callBilling.exceptions.assign"
  const accounts = useBillingAccounts({ limit: 1000 })
  const [code, setCode] = useState("")
  const [accept, setAccept] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    if (open) {
      setCode("")
      setAccept(false)
      setProblem(null)
    }
  }, [open])
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!code.trim()) return setProblem(t(`${k}.accountRequired`))
    onSubmit({ account_code: code.trim(), accept_out_of_policy: accept })
  }
  const list = accounts.data?.billing_accounts ?? []
  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <form onSubmit={submit} className="flex flex-1 flex-col overflow-hidden" data-testid="exceptions-assign-form" noValidate>
          <Drawer.Header>
            <Drawer.Title>{t(`${k}.title`)}</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-3 overflow-y-auto">
            <Text size="small" className="text-ui-fg-subtle">
              {t(`${k}.description`, { scope })}
            </Text>
            <div className="flex flex-col gap-y-1">
              <Label size="small" htmlFor="exceptions-assign-account">
                {t(`${k}.account`)}
              </Label>
              {list.length > 0 ? (
                <select id="exceptions-assign-account" name="account_code" className={selectClass} value={code} onChange={(e) => setCode(e.target.value)}>
                  <option value="">{t(`${k}.choose`)}</option>
                  {list.map((a) => (
                    <option key={a.id} value={a.code}>
                      {a.code} – {a.name}
                    </option>
                  ))}
                </select>
              ) : (
                <Input id="exceptions-assign-account" name="account_code" size="small" value={code} onChange={(e) => setCode(e.target.value)} />
              )}
              {problem && (
                <Text size="xsmall" className="text-ui-fg-error" data-testid="exceptions-assign-error">
                  {problem}
                </Text>
              )}
            </div>
            <div className="flex items-center gap-x-2">
              <Checkbox id="exceptions-assign-accept" checked={accept} onCheckedChange={(v) => setAccept(v === true)} />
              <Label size="small" htmlFor="exceptions-assign-accept">
                {t("callBilling.exceptions.acceptOutOfPolicy")}
              </Label>
            </div>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                {t("callBilling.exceptions.actions.cancel")}
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={busy} data-testid="exceptions-assign-submit">
              {t(`${k}.submit`)}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
