import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

export const ARTICLE_UID = 'api::article.article';
export const CATEGORY_UID = 'api::category.category';

/** One reason a save or a publish would be refused, as POST /colophon/preview names it. */
export interface Blocker {
  action: 'save' | 'publish';
  path: Array<string | number>;
  message: string;
}

export interface Crumb {
  label: string;
  path: string;
  url: string;
}

/** What src/strapi/preview answers for an article form (see previewTarget). */
export interface ArticlePreview {
  slug: string;
  locale: string;
  derived: {
    breadcrumbs?: Crumb[];
    breadcrumbText?: string;
    path?: string;
    attribution?: { text: string; html: string; markdown: string };
    seo?: { canonicalUrl: string | null; robots: string; googlebotNews: string | null };
  };
  structuredDataSummary: Record<string, unknown> | null;
  blockers: Blocker[];
}

/** A refusal the save itself would give (a 400 naming a field), shown instead of a preview. */
export interface Refusal {
  message: string;
  path: Array<string | number>;
}

export interface PreviewState<T> {
  preview: T | null;
  refusal: Refusal | null;
  loading: boolean;
}

/** How long the form must stay still before it is previewed: one request per pause, not per keystroke. */
const DEBOUNCE_MS = 500;

/**
 * Asks POST /colophon/preview what saving `data` would derive, again whenever it changes and
 * the editor pauses. Only the answer to the latest request is kept, so a slow answer never
 * overwrites a newer one.
 */
export function usePreview<T>(uid: string, documentId: string | undefined, locale: string | undefined, data: Record<string, unknown>): PreviewState<T> {
  const { post } = useFetchClient();
  const [state, setState] = React.useState<PreviewState<T>>({ preview: null, refusal: null, loading: true });
  const latest = React.useRef(0);
  const body = React.useMemo(() => JSON.stringify({ uid, documentId, locale, data }), [uid, documentId, locale, data]);

  React.useEffect(() => {
    const request = ++latest.current;
    const timer = setTimeout(async () => {
      setState((previous) => ({ ...previous, loading: true }));
      try {
        const response = await post<{ data: T }>('/colophon/preview', JSON.parse(body));
        if (request === latest.current) setState({ preview: response.data.data, refusal: null, loading: false });
      } catch (error) {
        if (request !== latest.current) return;
        const details = (error as { response?: { data?: { error?: { message?: string; details?: { errors?: Refusal[] } } } } }).response?.data?.error;
        const first = details?.details?.errors?.[0];
        setState({
          preview: null,
          refusal: { message: first?.message ?? details?.message ?? String((error as Error)?.message ?? error), path: first?.path ?? [] },
          loading: false,
        });
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [body, post]);

  return state;
}
