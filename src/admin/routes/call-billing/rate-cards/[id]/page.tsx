import { PencilSquare } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Text } from "@medusajs/ui"
import { ReactNode, useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { Link, useParams } from "react-router-dom"
import { CompareVersions } from "../../../../components/rate-cards/compare-versions"
import { DeckUpload } from "../../../../components/rate-cards/deck-upload"
import { activeVersion } from "../../../../components/rate-cards/format"
import { RateCardFormDrawer } from "../../../../components/rate-cards/rate-card-form-drawer"
import { RatesTable } from "../../../../components/rate-cards/rates-table"
import { VersionsSection } from "../../../../components/rate-cards/versions-section"
import { useRateCard, useRateCardVersions } from "../../../../hooks/rate-cards"
import { toastError } from "../../../../lib/errors"

/** One rate card: its settings, versions, rows, deck upload and version comparison. */
const RateCardDetailPage = () => {
  const { id = "" } = useParams()
  const { t } = useTranslation()
  const k = "callBilling.rateCards"
  const { data, isLoading, isError, error } = useRateCard(id)
  const versionsQuery = useRateCardVersions(id)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [editing, setEditing] = useState(false)

  useEffect(() => {
    if (isError) toastError(error)
  }, [isError, error])
  useEffect(() => {
    if (versionsQuery.isError) toastError(versionsQuery.error)
  }, [versionsQuery.isError, versionsQuery.error])

  const versions = versionsQuery.data?.versions ?? []
  // show the version in force by default, else the newest
  useEffect(() => {
    if (!versions.length) return
    if (selectedId && versions.some((v) => v.id === selectedId)) return
    setSelectedId((activeVersion(versions) ?? versions[0]).id)
  }, [versions, selectedId])

  const card = data?.rate_card
  if (isLoading) {
    return (
      <Container className="px-6 py-4">
        <Text size="small" className="text-ui-fg-muted">
          {t(`${k}.loading`)}
        </Text>
      </Container>
    )
  }
  if (!card) {
    return (
      <Container className="flex flex-col gap-y-2 px-6 py-4">
        <Text>{t(`${k}.notFound`)}</Text>
        <Link to="/call-billing/rate-cards" className="text-ui-fg-interactive txt-compact-small">
          {t(`${k}.backToList`)}
        </Link>
      </Container>
    )
  }

  const selected = versions.find((v) => v.id === selectedId) ?? null
  const setting = (label: string, value: ReactNode, testid: string) => (
    <div className="grid grid-cols-2 items-center px-6 py-3" data-testid={`rate-card-setting-${testid}`}>
      <Text size="small" weight="plus" className="text-ui-fg-subtle">
        {label}
      </Text>
      <Text size="small">{value}</Text>
    </div>
  )

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <div>
            <div className="flex items-center gap-x-2">
              <Heading level="h1" data-testid="rate-card-title">
                {card.name}
              </Heading>
              <Badge size="2xsmall" color={card.kind === "sell" ? "green" : "blue"}>
                {t(`${k}.kind.${card.kind}`)}
              </Badge>
            </div>
            <Text size="small" className="text-ui-fg-subtle font-mono">
              {card.code}
            </Text>
          </div>
          <Button size="small" variant="secondary" onClick={() => setEditing(true)} data-testid="rate-card-edit">
            <PencilSquare />
            {t(`${k}.actions.edit`)}
          </Button>
        </div>
        {setting(t(`${k}.form.currency`), card.currency_code.toUpperCase(), "currency")}
        {setting(t(`${k}.form.decimals`), card.decimals, "decimals")}
        {setting(t(`${k}.form.rounding`), t(`${k}.rounding.${card.rounding}`), "rounding")}
        {setting(t(`${k}.form.direction`), t(`${k}.direction.${card.direction}`), "direction")}
        {setting(t(`${k}.form.carrier`), card.carrier ?? "–", "carrier")}
        {setting(
          t(`${k}.form.timeProfile`),
          card.time_profile ? `${card.time_profile.name} (${card.time_profile.code})` : t(`${k}.form.noTimeProfile`),
          "time-profile"
        )}
        {setting(t(`${k}.form.chargeUnanswered`), t(card.charge_unanswered ? `${k}.yes` : `${k}.no`), "charge-unanswered")}
      </Container>

      <Container className="divide-y p-0">
        <VersionsSection card={card} versions={versions} isLoading={versionsQuery.isLoading} selectedId={selectedId} onSelect={setSelectedId} />
        <DeckUpload cardId={card.id} onUploaded={(v) => setSelectedId(v.id)} />
      </Container>

      {selected && (
        <Container className="divide-y p-0">
          <div className="px-6 py-4">
            <Heading level="h2">{t(`${k}.rates.title`, { number: selected.number })}</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {t(`${k}.rates.description`, { currency: card.currency_code.toUpperCase() })}
            </Text>
          </div>
          <RatesTable card={card} version={selected} />
        </Container>
      )}

      {versions.length > 0 && (
        <Container className="p-0">
          <CompareVersions card={card} versions={versions} />
        </Container>
      )}

      <RateCardFormDrawer open={editing} onOpenChange={setEditing} card={card} />
    </div>
  )
}

export default RateCardDetailPage
