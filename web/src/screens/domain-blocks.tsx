// Blocked domains (GET /api/v1/domain_blocks): nothing from a blocked server reaches you, and
// your followers there are removed. Add a domain, or unblock one.
import { useState } from "preact/hooks";
import { api } from "../api/client.ts";
import { ActionButton } from "../components/action-button.tsx";
import { InlineError } from "../components/error-box.tsx";
import { PagedList } from "../components/paged-list.tsx";
import { ScreenHeader } from "../components/screen-header.tsx";
import { usePaged } from "../components/use-paged.ts";
import { errorMessage } from "../components/use-request.ts";
import { t } from "../i18n/index.ts";

export function DomainBlocksScreen() {
  const paged = usePaged<string>("/api/v1/domain_blocks", undefined, "domains");
  const [domain, setDomain] = useState("");
  const [error, setError] = useState<string | null>(null);
  const block = async (event: Event) => {
    event.preventDefault();
    const name = domain.trim().toLowerCase();
    if (name === "" || !confirm(t("domainBlocks.confirm", { domain: name }))) return;
    setError(null);
    try {
      await api.post("/api/v1/domain_blocks", { domain: name });
      paged.setItems((items) => [name, ...items.filter((d) => d !== name)]);
      setDomain("");
    } catch (reason) {
      setError(errorMessage(reason));
    }
  };
  return (
    <>
      <ScreenHeader title={t("domainBlocks.title")} back />
      <form class="form" onSubmit={block}>
        <p class="hint">{t("domainBlocks.explain")}</p>
        <div class="form-row">
          <label>
            {t("domainBlocks.domain")}
            <input
              value={domain}
              placeholder="example.social"
              autocapitalize="none"
              onInput={(e) => setDomain(e.currentTarget.value)}
            />
          </label>
          <button type="submit" class="button" disabled={domain.trim() === ""}>
            {t("domainBlocks.block")}
          </button>
        </div>
        <InlineError error={error} />
      </form>
      <PagedList
        paged={paged}
        label={t("domainBlocks.title")}
        empty={t("domainBlocks.empty")}
        render={(name) => (
          <li key={name} class="row">
            <span class="row-main">{name}</span>
            <ActionButton
              secondary
              label={t("domainBlocks.unblockNamed", { domain: name })}
              action={async () => {
                await api.delete("/api/v1/domain_blocks", { domain: name });
                paged.setItems((items) => items.filter((d) => d !== name));
              }}
            >
              {t("domainBlocks.unblock")}
            </ActionButton>
          </li>
        )}
      />
    </>
  );
}
