import * as React from 'react';
import { useForm, useQueryParams } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { Badge, Box, Divider, Flex, Loader, Typography } from '@strapi/design-system';
import { ARTICLE_UID, CATEGORY_UID, usePreview, type ArticlePreview, type Blocker, type Refusal } from './api';
import { FooterHtml } from './FooterHtml';

interface I18nQuery {
  plugins?: { i18n?: { locale?: string } };
}

/**
 * The edit view's live preview: for an article, the trail, footer, SEO directives and JSON-LD
 * a save would store, and what would refuse Publish; for a category, whether the chosen parent
 * would be refused. Both come from POST /colophon/preview, computed from the form's current
 * values by the server's own hook code, before the first save too.
 */
export const PreviewPanel: PanelComponent = ({ model, documentId, document }) => {
  if (model !== ARTICLE_UID && model !== CATEGORY_UID) return null;
  const saved = documentId && documentId !== 'create' ? documentId : undefined;
  const locale = (document?.locale as string | undefined) ?? undefined;
  return model === ARTICLE_UID
    ? { title: 'Live preview', content: <ArticlePanel documentId={saved} locale={locale} /> }
    : { title: 'Before saving', content: <CategoryPanel documentId={saved} locale={locale} /> };
};

function useFormLocale(documentLocale: string | undefined): string | undefined {
  const [{ query }] = useQueryParams<I18nQuery>();
  return query.plugins?.i18n?.locale ?? documentLocale;
}

function ArticlePanel({ documentId, locale }: { documentId?: string; locale?: string }) {
  const values = useForm('ColophonPreviewPanel', (state) => state.values) as Record<string, unknown>;
  const { preview, refusal, loading } = usePreview<ArticlePreview>(ARTICLE_UID, documentId, useFormLocale(locale), values);

  if (refusal) return <Refused refusal={refusal} />;
  if (!preview) return <Loader small>Previewing…</Loader>;
  const { derived, structuredDataSummary: summary, blockers } = preview;
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-testid="colophon-preview-panel" aria-busy={loading}>
      <Blockers blockers={blockers} />
      <Section title="Trail">
        <Typography variant="omega" data-testid="colophon-preview-trail">
          {(derived.breadcrumbs ?? []).map((crumb, index) => (
            <React.Fragment key={`${index}-${crumb.path}`}>
              {index > 0 && <span aria-hidden> › </span>}
              <span>{crumb.label}</span>
            </React.Fragment>
          ))}
        </Typography>
        <Typography variant="pi" textColor="neutral600" data-testid="colophon-preview-path">
          {derived.path}
        </Typography>
      </Section>
      <Section title={`Footer (${preview.locale})`}>
        {derived.attribution?.html ? (
          <Typography variant="pi" tag="div">
            <FooterHtml html={derived.attribution.html} />
          </Typography>
        ) : (
          <Typography variant="pi" textColor="neutral600">
            No credits: no footer.
          </Typography>
        )}
      </Section>
      {derived.seo && (
        <Section title="Search engines">
          <Facts
            facts={[
              ['robots', derived.seo.robots],
              ['canonical', derived.seo.canonicalUrl ?? '(none)'],
              ...(derived.seo.googlebotNews ? [['googlebot-news', derived.seo.googlebotNews] as [string, string]] : []),
            ]}
          />
        </Section>
      )}
      {summary && (
        <Section title="JSON-LD">
          <Facts facts={summaryFacts(summary)} testId="colophon-preview-jsonld" />
        </Section>
      )}
    </Flex>
  );
}

function CategoryPanel({ documentId, locale }: { documentId?: string; locale?: string }) {
  const { name, slug, parent } = useForm('ColophonCategoryCheck', (state) => state.values) as Record<string, unknown>;
  const data = React.useMemo(() => ({ name, slug, parent }), [name, slug, parent]);
  const { preview, refusal } = usePreview<{ slug: string }>(CATEGORY_UID, documentId, useFormLocale(locale), data);
  if (refusal) return <Refused refusal={refusal} />;
  if (!preview) return <Loader small>Checking…</Loader>;
  return (
    <Typography variant="pi" textColor="success600" data-testid="colophon-category-check">
      Nothing stops saving: the slug will be “{preview.slug}”.
    </Typography>
  );
}

function Section({ title, children }: React.PropsWithChildren<{ title: string }>) {
  return (
    <Flex direction="column" alignItems="stretch" gap={1}>
      <Divider />
      <Typography variant="sigma" textColor="neutral600" tag="h3">
        {title}
      </Typography>
      {children}
    </Flex>
  );
}

function Facts({ facts, testId }: { facts: Array<[string, string]>; testId?: string }) {
  return (
    <Flex direction="column" alignItems="stretch" gap={1} tag="dl" data-testid={testId}>
      {facts.map(([label, value]) => (
        <Flex key={label} gap={2} alignItems="baseline">
          <Typography variant="pi" fontWeight="bold" tag="dt">
            {label}
          </Typography>
          <Typography variant="pi" tag="dd" style={{ overflowWrap: 'anywhere' }}>
            {value}
          </Typography>
        </Flex>
      ))}
    </Flex>
  );
}

function summaryFacts(summary: Record<string, unknown>): Array<[string, string]> {
  const facts: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(summary)) {
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    facts.push([key, Array.isArray(value) ? value.join(', ') : String(value)]);
  }
  return facts;
}

const fieldName = (path: Array<string | number>) => path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');

function Blockers({ blockers }: { blockers: Blocker[] }) {
  if (blockers.length === 0) {
    return (
      <Typography variant="pi" textColor="success600" data-testid="colophon-preview-blockers">
        Nothing blocks publishing.
      </Typography>
    );
  }
  return (
    <Box background="warning100" borderColor="warning200" hasRadius padding={3} data-testid="colophon-preview-blockers" role="alert">
      <Flex direction="column" alignItems="stretch" gap={2} tag="ul">
        {blockers.map((blocker, index) => (
          <Flex key={index} gap={2} alignItems="baseline" tag="li">
            <Badge textColor="warning700" backgroundColor="warning200">
              {blocker.action === 'publish' ? 'blocks publish' : 'blocks save'}
            </Badge>
            <Typography variant="pi" textColor="warning700">
              <strong>{fieldName(blocker.path)}</strong>: {blocker.message}
            </Typography>
          </Flex>
        ))}
      </Flex>
    </Box>
  );
}

function Refused({ refusal }: { refusal: Refusal }) {
  return (
    <Box background="danger100" borderColor="danger200" hasRadius padding={3} role="alert" data-testid="colophon-preview-refusal">
      <Typography variant="pi" textColor="danger700">
        Saving would be refused{refusal.path.length > 0 ? <> on <strong>{fieldName(refusal.path)}</strong></> : null}: {refusal.message}
      </Typography>
    </Box>
  );
}
