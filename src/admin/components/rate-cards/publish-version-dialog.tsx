import { Button, Input, Label, Prompt, Text, toast } from "@medusajs/ui"
import { FormEvent, useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { usePublishVersion } from "../../hooks/rate-cards"
import { toastError } from "../../lib/errors"
import type { RateCardVersion } from "../../lib/types"
import { toIso } from "./format"

/** Now, rounded up to the next hour, as a `datetime-local` value in local time. */
function nextHourLocal() {
  const d = new Date()
  d.setMinutes(0, 0, 0)
  d.setHours(d.getHours() + 1)
  const pad = (n: number) => String(n).padStart(2, "0")
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

type Props = { cardId: string; version: RateCardVersion | null; onClose: () => void }

/** Publishes a draft from a chosen instant; the version in force then is closed by the server. */
export const PublishVersionDialog = ({ cardId, version, onClose }: Props) => {
  const { t } = useTranslation()
  const publish = usePublishVersion(cardId)
  const [value, setValue] = useState("")
  const [error, setError] = useState<string | null>(null)
  const k = "callBilling.rateCards.publish"

  useEffect(() => {
    if (version) {
      setValue(nextHourLocal())
      setError(null)
    }
  }, [version])

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    if (!version) return
    const iso = toIso(value)
    if (!iso) {
      setError(t(`${k}.invalidDate`))
      return
    }
    try {
      await publish.mutateAsync({ vid: version.id, effective_from: iso })
      toast.success(t(`${k}.done`, { number: version.number }))
      onClose()
    } catch (err) {
      toastError(err)
    }
  }

  return (
    <Prompt variant="confirmation" open={!!version} onOpenChange={(open) => !open && onClose()}>
      <Prompt.Content>
        <form onSubmit={onSubmit} data-testid="publish-form">
          <Prompt.Header>
            <Prompt.Title>{t(`${k}.title`, { number: version?.number ?? "" })}</Prompt.Title>
            <Prompt.Description>{t(`${k}.description`)}</Prompt.Description>
            <div className="flex flex-col gap-y-2 pt-4">
              <Label htmlFor="publish-effective-from" size="small" weight="plus">
                {t(`${k}.effectiveFrom`)}
              </Label>
              <Input
                id="publish-effective-from"
                name="effective_from"
                type="datetime-local"
                value={value}
                onChange={(e) => {
                  setValue(e.target.value)
                  setError(null)
                }}
                data-testid="publish-date-input"
              />
              {error ? (
                <Text size="small" className="text-ui-fg-error">
                  {error}
                </Text>
              ) : (
                <Text size="small" className="text-ui-fg-subtle">
                  {t(`${k}.hint`)}
                </Text>
              )}
            </div>
          </Prompt.Header>
          <Prompt.Footer>
            <Prompt.Cancel type="button">{t("callBilling.rateCards.actions.cancel")}</Prompt.Cancel>
            <Button size="small" type="submit" isLoading={publish.isPending} data-testid="publish-submit">
              {t(`${k}.submit`)}
            </Button>
          </Prompt.Footer>
        </form>
      </Prompt.Content>
    </Prompt>
  )
}
