import { Trash } from "@medusajs/icons"
import { Badge, Button, Container, Heading, IconButton, Label, Text, toast } from "@medusajs/ui"
import { FormEvent, useState } from "react"
import { useTranslation } from "react-i18next"
import { useAccountAssignments, useAssignCard, useRemoveAssignment, useSellCardOptions } from "../../hooks/billing-accounts"
import { toastError } from "../../lib/errors"
import type { CardAssignment } from "../../lib/types"

const SELECT =
  "bg-ui-bg-field shadow-borders-base txt-compact-small h-8 rounded-md px-2 text-ui-fg-base outline-none focus:shadow-borders-interactive-with-active"

const scopeColour = { override: "purple", account: "blue", system: "grey" } as const

/** A direction's cards in the order the engine tries them. */
const Ordered = ({ direction, rows, onRemove }: { direction: "outbound" | "inbound"; rows: CardAssignment[]; onRemove: (a: CardAssignment) => void }) => {
  const { t } = useTranslation()
  return (
    <div className="px-6 py-4" data-testid={`account-assignments-${direction}`}>
      <Text size="small" weight="plus" className="mb-2">
        {t(`callBilling.billingAccounts.${direction}`)}
      </Text>
      {rows.length === 0 ? (
        <Text size="small" className="text-ui-fg-muted">{t("callBilling.billingAccounts.noCards")}</Text>
      ) : (
        <ol className="flex flex-col gap-y-2">
          {rows.map((a, i) => (
            <li key={a.id} data-testid={`assignment-${direction}-${i}`} className="flex items-center gap-3">
              <Text size="small" className="text-ui-fg-muted w-5">{i + 1}.</Text>
              <Badge size="2xsmall" color={scopeColour[a.scope]}>
                {t(`callBilling.billingAccounts.scope.${a.scope}`)}
                {a.scope === "override" ? ` #${a.priority}` : ""}
              </Badge>
              <Text size="small" className="flex-1">
                {a.rate_card?.name ?? a.rate_card_id}
                {a.rate_card?.code ? <span className="text-ui-fg-muted"> ({a.rate_card.code})</span> : null}
              </Text>
              {a.scope !== "system" && (
                <IconButton size="small" variant="transparent" onClick={() => onRemove(a)} aria-label={t("callBilling.billingAccounts.removeCard")} data-testid={`assignment-remove-${a.id}`}>
                  <Trash />
                </IconButton>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}

/** Cards assigned to an account per direction, with assign and remove. */
export const AccountAssignments = ({ accountId }: { accountId: string }) => {
  const { t } = useTranslation()
  const { data, isLoading } = useAccountAssignments(accountId)
  const cards = useSellCardOptions()
  const assign = useAssignCard(accountId)
  const remove = useRemoveAssignment()
  const [form, setForm] = useState({ rate_card_id: "", scope: "account" as "account" | "override", direction: "outbound" as "outbound" | "inbound", priority: "0" })

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!form.rate_card_id) {
      toast.error(t("callBilling.billingAccounts.chooseCard"))
      return
    }
    if (form.scope === "override" && !/^\d+$/.test(form.priority)) {
      toast.error(t("callBilling.billingAccounts.priorityInvalid"))
      return
    }
    try {
      await assign.mutateAsync({
        rate_card_id: form.rate_card_id,
        scope: form.scope,
        direction: form.direction,
        ...(form.scope === "override" ? { priority: Number(form.priority) } : {}),
      })
      toast.success(t("callBilling.billingAccounts.assigned"))
    } catch (err) {
      toastError(err)
    }
  }

  const onRemove = async (a: CardAssignment) => {
    try {
      await remove.mutateAsync(a.id)
      toast.success(t("callBilling.billingAccounts.removed"))
    } catch (err) {
      toastError(err)
    }
  }

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">{t("callBilling.billingAccounts.cards")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">{t("callBilling.billingAccounts.cardsHint")}</Text>
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4">{t("callBilling.billingAccounts.loading")}</Text>
      ) : (
        <>
          <Ordered direction="outbound" rows={data?.order.outbound ?? []} onRemove={onRemove} />
          <Ordered direction="inbound" rows={data?.order.inbound ?? []} onRemove={onRemove} />
        </>
      )}
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3 px-6 py-4" data-testid="assign-card-form">
        <div className="flex flex-col">
          <Label size="xsmall">{t("callBilling.billingAccounts.card")}</Label>
          <select name="rate_card_id" className={SELECT} value={form.rate_card_id} onChange={(e) => setForm({ ...form, rate_card_id: e.target.value })}>
            <option value="">{t("callBilling.billingAccounts.chooseCard")}</option>
            {(cards.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.code}, {c.currency_code}, {c.direction})
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col">
          <Label size="xsmall">{t("callBilling.billingAccounts.scopeLabel")}</Label>
          <select name="scope" className={SELECT} value={form.scope} onChange={(e) => setForm({ ...form, scope: e.target.value as "account" | "override" })}>
            <option value="account">{t("callBilling.billingAccounts.scope.account")}</option>
            <option value="override">{t("callBilling.billingAccounts.scope.override")}</option>
          </select>
        </div>
        <div className="flex flex-col">
          <Label size="xsmall">{t("callBilling.billingAccounts.direction")}</Label>
          <select name="direction" className={SELECT} value={form.direction} onChange={(e) => setForm({ ...form, direction: e.target.value as "outbound" | "inbound" })}>
            <option value="outbound">{t("callBilling.billingAccounts.outbound")}</option>
            <option value="inbound">{t("callBilling.billingAccounts.inbound")}</option>
          </select>
        </div>
        {form.scope === "override" && (
          <div className="flex w-24 flex-col">
            <Label size="xsmall">{t("callBilling.billingAccounts.priority")}</Label>
            <input name="priority" inputMode="numeric" className={SELECT} value={form.priority} onChange={(e) => setForm({ ...form, priority: e.target.value })} />
          </div>
        )}
        <Button size="small" type="submit" isLoading={assign.isPending} data-testid="assign-card-submit">
          {t("callBilling.billingAccounts.assign")}
        </Button>
      </form>
    </Container>
  )
}
