export { previewSettings, previewUrl, PREVIEW_PAGES } from './settings';
export { registerPreviewPages } from './page';
