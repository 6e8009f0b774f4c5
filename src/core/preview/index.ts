export type { BlockNode, PreviewArticle, PreviewTarget } from './types';
export { PREVIEW_TOKEN_TTL_SECONDS, signPreviewToken, verifyPreviewToken } from './previewToken';
export { renderBlocks } from './renderBlocks';
export { PREVIEW_PAGE_HEADERS, renderPreviewPage } from './renderPreviewPage';
