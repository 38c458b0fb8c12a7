import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { Link, useNavigate } from "react-router-dom"
import { CreateTimeProfileDrawer } from "../../../components/time-profiles/create-time-profile-drawer"
import { useTimeProfiles } from "../../../hooks/time-profiles"
import { PagePagination } from "../../../components/common/page-pagination"

const PAGE = 50

/** Time profiles: the bands (peak, off-peak, weekend…) that rate cards price by. */
const TimeProfilesPage = () => {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [page, setPage] = useState(0)
  const { data, isLoading, isError, error } = useTimeProfiles({ limit: PAGE, offset: page * PAGE })
  const profiles = data?.time_profiles ?? []
  const count = data?.count ?? 0

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h1">{t("callBilling.timeProfiles.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("callBilling.timeProfiles.description")}
          </Text>
        </div>
        <CreateTimeProfileDrawer />
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4">{t("callBilling.timeProfiles.loading")}</Text>
      ) : isError ? (
        <Text size="small" className="text-ui-fg-error px-6 py-4">{error instanceof Error ? error.message : ""}</Text>
      ) : profiles.length === 0 ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-8 text-center" data-testid="time-profiles-empty">
          {t("callBilling.timeProfiles.empty")}
        </Text>
      ) : (
        <>
          <Table data-testid="time-profiles-table">
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t("callBilling.timeProfiles.code")}</Table.HeaderCell>
                <Table.HeaderCell>{t("callBilling.timeProfiles.name")}</Table.HeaderCell>
                <Table.HeaderCell>{t("callBilling.timeProfiles.bands")}</Table.HeaderCell>
                <Table.HeaderCell>{t("callBilling.timeProfiles.rules")}</Table.HeaderCell>
                <Table.HeaderCell>{t("callBilling.timeProfiles.holidays")}</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {profiles.map((p) => (
                <Table.Row
                  key={p.id}
                  data-testid={`time-profile-row-${p.code}`}
                  className="cursor-pointer"
                  onClick={() => navigate(`/call-billing/time-profiles/${p.id}`)}
                >
                  <Table.Cell>
                    <Link to={`/call-billing/time-profiles/${p.id}`} onClick={(e) => e.stopPropagation()}>
                      {p.code}
                    </Link>
                  </Table.Cell>
                  <Table.Cell>{p.name}</Table.Cell>
                  <Table.Cell>{[...new Set((p.rules ?? []).map((r) => r.band))].join(", ") || "—"}</Table.Cell>
                  <Table.Cell>{(p.rules ?? []).length}</Table.Cell>
                  <Table.Cell>{(p.holidays ?? []).length}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          <PagePagination count={count} pageSize={PAGE} pageIndex={page} setPageIndex={setPage} />
        </>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Time profiles" })

export default TimeProfilesPage
