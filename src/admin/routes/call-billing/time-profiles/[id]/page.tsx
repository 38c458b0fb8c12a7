import { Container, Heading, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { Link, useParams } from "react-router-dom"
import { ProfileEditor } from "../../../../components/time-profiles/profile-editor"
import { useTimeProfile } from "../../../../hooks/time-profiles"

/** One time profile: its rules, holidays and the week they produce. */
const TimeProfileDetailPage = () => {
  const { t } = useTranslation()
  const { id = "" } = useParams()
  const { data, isLoading, isError, error } = useTimeProfile(id)
  const profile = data?.time_profile

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="px-6 py-4">
        <Link to="/call-billing/time-profiles" className="text-ui-fg-interactive txt-small">
          ← {t("callBilling.timeProfiles.title")}
        </Link>
        {isLoading ? (
          <Text size="small" className="text-ui-fg-muted">{t("callBilling.timeProfiles.loading")}</Text>
        ) : isError || !profile ? (
          <Text size="small" className="text-ui-fg-error">{error instanceof Error ? error.message : t("callBilling.timeProfiles.notFound")}</Text>
        ) : (
          <>
            <Heading level="h1">
              {profile.name} <span className="text-ui-fg-muted">({profile.code})</span>
            </Heading>
            {profile.description && (
              <Text size="small" className="text-ui-fg-subtle">{profile.description}</Text>
            )}
          </>
        )}
      </Container>
      {profile && <ProfileEditor profile={profile} />}
    </div>
  )
}

export default TimeProfileDetailPage
